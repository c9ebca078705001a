using System.Text;
using BtrChat.Cli;
using BtrChat.Crypto;
using BtrChat.Fuzz;
using BtrChat.Protocol;
using BtrChat.Tests.Cli;
using BtrChat.Tests.Support;
using CsCheck;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// Each parser of outside bytes, fed for two seconds by CsCheck through the same target scripts/fuzz runs under
/// AFL++ (BtrChat.Tui.Fuzz): random bytes and mutated seeds from the committed corpus. A target throws only
/// when its parser throws outside its contract or breaks an invariant (a decoded envelope re-encodes to its bytes,
/// only the peer's confirmation verifies, ...), so any failure here is a defect.
/// </summary>
/// <remarks>
/// EnvelopeRandomInputTests covers the envelope codec's refusal reasons and single-byte changes in depth. In the
/// environment collection because ConfigLoader reads BTRCHAT_* variables, which tests there set.
/// </remarks>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class HostileInputPropertyTests(ITestOutputHelper output)
{
    private const int Seconds = 2;

    public static TheoryData<string> Targets => [.. FuzzTarget.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_RandomAndMutatedSeeds_ParserKeepsItsContract(string name)
    {
        FuzzTarget target = FuzzTarget.Find(name)!;
        IReadOnlyList<byte[]> seeds = SeedMutation.LoadSeeds(CorpusOf(name));

        SeedMutation.Inputs(seeds).Sample(
            target.Run,
            writeLine: output.WriteLine,
            time: Seconds,
            threads: 1,
            print: input => Convert.ToHexString(input));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_EverySeed_RunsClean(string name)
    {
        FuzzTarget target = FuzzTarget.Find(name)!;
        IReadOnlyList<byte[]> seeds = SeedMutation.LoadSeeds(CorpusOf(name));

        Assert.InRange(seeds.Count, 2, 20);
        foreach (byte[] seed in seeds)
        {
            target.Run(seed);
        }
    }

    /// <summary>Without an accepted seed per parser, mutation would rarely get past its first refusal.</summary>
    [Fact]
    public void Corpus_HoldsInputsEachParserAccepts()
    {
        string token = Encoding.ASCII.GetString(Seed("fernet", "valid-token")[1..]);
        Assert.True(FernetKey.TryParse(FernetTarget.KeyText, out FernetKey? key));
        using (key)
        {
            Assert.True(Fernet.Decrypt(key, token, FernetTarget.Now, TimeSpan.FromSeconds(60)).IsValid);
        }

        foreach (string kind in (string[])["hello", "confirm", "data", "receipt"])
        {
            Assert.True(EnvelopeCodec.TryDecode(Seed("envelope", kind), out _, out _), kind);
        }

        foreach (string kind in (string[])["hello", "confirm"])
        {
            Assert.True(WireBody.TryDecodeCleartext(Encoding.UTF8.GetString(Seed("wirebody", kind)), out _, out _), kind);
        }

        using (var password = Spake2Password.Derive("test", [], [1, 2, 3, 4]))
        using (var party = new Spake2Party(Spake2Role.A, [], [], password))
        {
            Assert.True(party.TryFinish(Seed("handshake", "share-generator")[1..], [], out Spake2Keys? keys));
            keys.Dispose();
        }

        Assert.Equal("alice-to-bob.fifo", ConfigLoader.Load(Path.Combine(CorpusOf("config"), "sample"), new Dictionary<string, string?>()).Queues.Tx);
        Assert.Null(KeyFile.Validate(new Pin(Encoding.UTF8.GetString(Seed("keyfile", "valid")))));
    }

    internal static string CorpusOf(string target) => RepoPaths.Combine("BtrChat.Tui.Fuzz", "corpus", target);

    private static byte[] Seed(string target, string name) => File.ReadAllBytes(Path.Combine(CorpusOf(target), name));
}

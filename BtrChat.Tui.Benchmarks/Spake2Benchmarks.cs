using BenchmarkDotNet.Attributes;
using BtrChat.Crypto;

namespace BtrChat.Benchmarks;

/// <summary>
/// The SPAKE2 handshake (RFC 9382, P-256), as one btrchat process runs it: derive w from the PIN once, then per
/// handshake create a party with a fresh ephemeral scalar, finish with the peer's share and verify the peer's
/// confirmation. The target is at most 2 ms of CPU per side.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(BenchJob.LaunchCount, BenchJob.WarmupCount, BenchJob.IterationCount)]
public class Spake2Benchmarks
{
    private const string Label = "btrchat v1 spake2 w";

    private static readonly string[] Context = ["btrchat-alice-to-bob.fifo", "btrchat-bob-to-alice.fifo"];

    private static readonly byte[] IdA = "alice"u8.ToArray();

    private static readonly byte[] IdB = "bob"u8.ToArray();

    private static readonly byte[] Aad = "btrchat v1"u8.ToArray();

    private static readonly byte[] Pin = "1234"u8.ToArray();

    private Spake2Password _password = null!;
    private byte[] _shareB = [];
    private Spake2Keys _keysA = null!;
    private byte[] _confirmationB = [];

    [GlobalSetup]
    public void Setup()
    {
        _password = Spake2Password.Derive(Label, Context, Pin);
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, _password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, _password);
        _shareB = b.Share.ToArray();
        if (!a.TryFinish(_shareB, Aad, out Spake2Keys? keysA) || !b.TryFinish(a.Share, Aad, out Spake2Keys? keysB))
        {
            throw new InvalidOperationException("The setup handshake did not finish.");
        }

        using (keysB)
        {
            _keysA = keysA;
            _confirmationB = keysB.Confirmation.ToArray();
            if (!_keysA.VerifyPeerConfirmation(_confirmationB))
            {
                throw new InvalidOperationException("The setup handshake did not confirm.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _keysA.Dispose();
        _password.Dispose();
    }

    /// <summary>w and the blinding points w·M, w·N from the PIN: once per PIN, not per handshake.</summary>
    [Benchmark]
    public int PasswordDerive()
    {
        using Spake2Password password = Spake2Password.Derive(Label, Context, Pin);
        return password.GetHashCode();
    }

    /// <summary>A fresh ephemeral scalar and its share x·G + w·M.</summary>
    [Benchmark]
    public int CreateParty()
    {
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, _password);
        return a.Share.Length;
    }

    /// <summary>
    /// CreateParty plus TryFinish with a valid peer share: decode and validate the point, K = x·(pB − w·N),
    /// the transcript and the key schedule.
    /// </summary>
    [Benchmark]
    public int CreatePartyAndFinish()
    {
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, _password);
        if (!a.TryFinish(_shareB, Aad, out Spake2Keys? keys))
        {
            throw new InvalidOperationException("TryFinish refused a valid share.");
        }

        using (keys)
        {
            return keys.Confirmation.Length;
        }
    }

    /// <summary>Checking the peer's confirmation MAC (constant-time compare of 32 bytes).</summary>
    [Benchmark]
    public bool VerifyConfirmation() => _keysA.VerifyPeerConfirmation(_confirmationB);

    /// <summary>
    /// Both sides of a whole handshake with fresh parties (create, finish, verify the peer's confirmation),
    /// reported per side: the two sides do the same work, and only a real pair yields confirmations that verify.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public int HandshakePerSide()
    {
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, _password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, _password);
        if (!a.TryFinish(b.Share, Aad, out Spake2Keys? keysA) || !b.TryFinish(a.Share, Aad, out Spake2Keys? keysB))
        {
            throw new InvalidOperationException("The handshake did not finish.");
        }

        using (keysA)
        using (keysB)
        {
            if (!keysA.VerifyPeerConfirmation(keysB.Confirmation) || !keysB.VerifyPeerConfirmation(keysA.Confirmation))
            {
                throw new InvalidOperationException("The handshake did not confirm.");
            }

            return keysA.SharedSecret.Length;
        }
    }
}

using System.Globalization;
using System.Text;
using BtrChat.Crypto;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Crypto;

/// <summary>Tokens must cross between us and Python's <c>cryptography.fernet</c>, which the original btrchat used.</summary>
public class FernetPythonInteropTests
{
    // argv: key, Unix seconds. stdin: one hex message per line. stdout: one token per line.
    private const string PythonEncrypts = """
        import sys
        from cryptography.fernet import Fernet
        f = Fernet(sys.argv[1])
        now = int(sys.argv[2])
        for line in sys.stdin.read().splitlines():
            print(f.encrypt_at_time(bytes.fromhex(line), now).decode("ascii"))
        """;

    // argv: key, Unix seconds. stdin: one token per line. stdout: one hex plaintext per line.
    private const string PythonDecrypts = """
        import sys
        from cryptography.fernet import Fernet
        f = Fernet(sys.argv[1])
        now = int(sys.argv[2])
        for line in sys.stdin.read().splitlines():
            print(f.decrypt_at_time(line, ttl=60, current_time=now).hex())
        """;

    private const string LegacyPin1234Key = "1234Hvc6L5DAqES1234DvoM8bMiIduMF93TBcpYf-vc=";

    private static readonly DateTimeOffset Stamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static readonly string StampArgument = Stamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static readonly byte[][] Messages =
    [
        [],
        "hello"u8.ToArray(),
        Encoding.UTF8.GetBytes("héllo wörld — ✓ 🔐 你好"),
        [.. Enumerable.Range(0, 256).Select(i => (byte)i)],
        new byte[16],
        RandomBytes(4096),
    ];

    public FernetPythonInteropTests()
    {
        PythonOracle.EnsureAvailable();
    }

    [Fact]
    public void Decrypt_TokensMadeByPython_YieldTheOriginalBytesAndTimestamp()
    {
        using FernetKey key = FernetKey.Generate();

        string[] tokens = PythonEncrypt(key.ToBase64Url(), Messages);

        for (int i = 0; i < Messages.Length; i++)
        {
            FernetResult result = Fernet.Decrypt(
                key,
                tokens[i],
                Stamp.AddSeconds(1),
                timeToLive: TimeSpan.FromSeconds(60),
                maxClockSkew: TimeSpan.FromSeconds(60));

            Assert.True(result.IsValid, $"message {i} refused as {result.Failure}");
            Assert.Equal(Messages[i], result.Plaintext);
            Assert.Equal(Stamp, result.Timestamp);
        }
    }

    [Fact]
    public void PythonDecrypt_TokensMadeByUs_YieldsTheOriginalBytes()
    {
        using FernetKey key = FernetKey.Generate();
        string[] tokens = [.. Messages.Select(message => Fernet.Encrypt(key, message, Stamp))];

        byte[][] decrypted = PythonDecrypt(key.ToBase64Url(), tokens);

        Assert.Equal(Messages, decrypted);
    }

    [Fact]
    public void Decrypt_TokenMadeByPythonUnderLegacyPinKey_YieldsTheOriginalBytes()
    {
        Assert.True(FernetKey.TryParse(LegacyPin1234Key, out FernetKey? key));
        using (key)
        {
            byte[] message = Encoding.UTF8.GetBytes("legacy btrchat says hi ✓");

            string token = PythonEncrypt(LegacyPin1234Key, [message])[0];
            FernetResult result = Fernet.Decrypt(key, token, Stamp);

            Assert.True(result.IsValid, $"refused as {result.Failure}");
            Assert.Equal(message, result.Plaintext);
        }
    }

    [Fact]
    public void PythonDecrypt_TokenMadeByUsUnderLegacyPinKey_YieldsTheOriginalBytes()
    {
        Assert.True(FernetKey.TryParse(LegacyPin1234Key, out FernetKey? key));
        using (key)
        {
            byte[] message = Encoding.UTF8.GetBytes("btrchat.NET says hi ✓");

            byte[][] decrypted = PythonDecrypt(LegacyPin1234Key, [Fernet.Encrypt(key, message, Stamp)]);

            Assert.Equal(message, Assert.Single(decrypted));
        }
    }

    private static string[] PythonEncrypt(string keyText, IReadOnlyList<byte[]> messages)
    {
        string stdin = string.Concat(messages.Select(message => Convert.ToHexString(message) + "\n"));
        string stdout = PythonOracle.Run(PythonEncrypts, [keyText, StampArgument], stdin);
        string[] tokens = Lines(stdout);
        Assert.Equal(messages.Count, tokens.Length);
        return tokens;
    }

    private static byte[][] PythonDecrypt(string keyText, IReadOnlyList<string> tokens)
    {
        string stdin = string.Concat(tokens.Select(token => token + "\n"));
        string stdout = PythonOracle.Run(PythonDecrypts, [keyText, StampArgument], stdin);
        string[] lines = Lines(stdout);
        Assert.Equal(tokens.Count, lines.Length);
        return [.. lines.Select(Convert.FromHexString)];
    }

    // Every record ends in a newline, so the text after the last one is empty; an empty message is an empty line.
    private static string[] Lines(string stdout) => stdout.ReplaceLineEndings("\n").Split('\n')[..^1];

    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        new Random(4096).NextBytes(bytes);
        return bytes;
    }
}

using System.Security.Cryptography;
using BtrChat.Crypto;

namespace BtrChat.Fuzz;

/// <summary>
/// Fernet.Decrypt never throws for a token and reports every refusal as a failure. The first input byte picks
/// how the rest is read: as token text, or as token bytes that the harness signs with the right key, so that
/// decryption and the padding check (which no random token reaches past the MAC) are fuzzed too. Its second bit
/// adds a time-to-live and a clock-skew limit.
/// </summary>
public static class FernetTarget
{
    /// <summary>The key of the spec's test vectors (BtrChat.Tui.Tests/TestData/fernet), which the seeds use.</summary>
    public const string KeyText = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

    /// <summary>The spec vectors' "now", 1985-10-26T01:20:01-07:00.</summary>
    public static readonly DateTimeOffset Now = new(1985, 10, 26, 1, 20, 1, TimeSpan.FromHours(-7));

    private const int SigningKeySize = 16;

    private static readonly FernetKey Key = FernetKey.TryParse(KeyText, out var key) ? key : throw new InvalidOperationException("bad fuzz key");

    private static readonly byte[] SigningKey = Convert.FromBase64String(KeyText.Replace('-', '+').Replace('_', '/'))[..SigningKeySize];

    public static void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        byte mode = input[0];
        ReadOnlySpan<byte> rest = input.AsSpan(1);
        string token = (mode & 1) == 0 ? Latin1(rest) : Signed(rest);
        bool limited = (mode & 2) != 0;
        TimeSpan? ttl = limited ? TimeSpan.FromSeconds(60) : null;

        FernetResult result = Fernet.Decrypt(Key, token, Now, ttl, ttl);

        FuzzDefect.Unless(result.IsValid == (result.Failure == FernetFailure.None), "IsValid agrees with Failure");
        if (result.IsValid)
        {
            FuzzDefect.Unless(Fernet.TokenLength(result.Plaintext.Length) == token.Length, "an accepted token has the length its plaintext gives");
        }
    }

    /// <summary>One character per byte, so every byte-level mutation changes the token text.</summary>
    private static string Latin1(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);

    private static string Signed(ReadOnlySpan<byte> body)
    {
        byte[] token = [.. body, .. HMACSHA256.HashData(SigningKey, body)];
        return Convert.ToBase64String(token).Replace('+', '-').Replace('/', '_');
    }
}

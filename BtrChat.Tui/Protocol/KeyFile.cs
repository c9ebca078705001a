using System.Security.Cryptography;
using BtrChat.Crypto;

namespace BtrChat.Protocol;

/// <summary>
/// The key-file mode's secret: 32 random bytes, written as one line of padded base64url so it can be copied
/// to the peer like any text. It replaces the typed PIN as the handshake's password, and brings the full
/// strength of 256 bits to it.
/// </summary>
public static class KeyFile
{
    public const int Size = 32;

    public static string Generate()
    {
        Span<byte> key = stackalloc byte[Size];
        RandomNumberGenerator.Fill(key);
        try
        {
            return PaddedBase64Url.Encode(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Null when <paramref name="text"/> holds a key, else one line saying why not (never the text itself).</summary>
    public static string? Validate(Pin text) =>
        TryDecode(text.Value.Trim(), out _) ? null : $"The key file must hold {Size} bytes as one line of base64url (btrchat keygen writes one).";

    public static byte[] Decode(Pin text) =>
        TryDecode(text.Value.Trim(), out var key) ? key : throw new ArgumentException(Validate(text), nameof(text));

    private static bool TryDecode(string text, out byte[] key)
    {
        key = new byte[Size];
        var buffer = new byte[PaddedBase64Url.GetMaxDecodedLength(text.Length)];
        var ok = PaddedBase64Url.TryDecode(text, buffer, out var written) && written == Size;
        if (ok)
        {
            buffer.AsSpan(0, Size).CopyTo(key);
        }

        CryptographicOperations.ZeroMemory(buffer);
        return ok;
    }
}

using System.Buffers;
using SystemBase64Url = System.Buffers.Text.Base64Url;

namespace BtrChat.Crypto;

/// <summary>
/// The base64url form Fernet uses on the wire: RFC 4648 §5 alphabet with '=' padding, exactly as
/// Python's <c>base64.urlsafe_b64encode</c> writes it.
/// </summary>
/// <remarks>
/// The framework's <see cref="SystemBase64Url"/> decoder is lenient in ways that would let several texts
/// stand for one token: it accepts missing or partial padding and skips whitespace. Decoding here admits
/// one canonical text per byte sequence, so a token cannot be reshaped without breaking it.
/// </remarks>
internal static class PaddedBase64Url
{
    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static int GetEncodedLength(int byteCount) => checked((byteCount + 2) / 3 * 4);

    public static int GetMaxDecodedLength(int charCount) => charCount / 4 * 3;

    public static string Encode(ReadOnlySpan<byte> bytes) =>
        string.Create(GetEncodedLength(bytes.Length), bytes, static (chars, source) =>
        {
            // The framework encoder never pads; the padding Python expects fills whatever it leaves over.
            int written = SystemBase64Url.EncodeToChars(source, chars);
            chars[written..].Fill('=');
        });

    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (text.Length % 4 != 0)
        {
            return false;
        }

        int dataLength = text.Length;
        for (int padding = 0; padding < 2 && dataLength > 0 && text[dataLength - 1] == '='; padding++)
        {
            dataLength--;
        }

        if (text[..dataLength].ContainsAnyExcept(Alphabet))
        {
            return false;
        }

        // Beyond this point the framework still rejects a final character whose unused bits are not zero,
        // which is what keeps the encoding canonical.
        OperationStatus status = SystemBase64Url.DecodeFromChars(text, destination, out int consumed, out bytesWritten);
        return status == OperationStatus.Done && consumed == text.Length;
    }
}

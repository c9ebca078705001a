using System.Diagnostics.CodeAnalysis;
using BtrChat.Crypto;

namespace BtrChat.Protocol;

/// <summary>
/// How frames travel as SQS message bodies, which must be text. The handshake frames go in cleartext, since no key
/// exists yet; data and receipts go only as Fernet tokens, which are made and opened elsewhere.
/// </summary>
public static class WireBody
{
    public const string CleartextPrefix = "btr1:";

    /// <summary>
    /// How a Fernet token starts: base64url of its version byte 0x80 and the zero high bytes of its timestamp,
    /// true of every token stamped before the year 36812.
    /// </summary>
    public const string TokenPrefix = "gAAAAA";

    /// <summary>Hello (112 bytes of header and payload) and confirm (79) both fit this bucket, so it bounds cleartext.</summary>
    private const int MaxCleartextFrameSize = 128;

    /// <summary>The longest cleartext body <see cref="TryDecodeCleartext"/> reads; anything longer is refused unread.</summary>
    public static int MaxCleartextLength { get; } =
        CleartextPrefix.Length + PaddedBase64Url.GetEncodedLength(MaxCleartextFrameSize);

    /// <summary>The body for a hello or confirm.</summary>
    /// <exception cref="ArgumentException">The envelope is data or a receipt, which must be sealed instead.</exception>
    public static string Cleartext(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Kind is not (EnvelopeKind.Hello or EnvelopeKind.Confirm))
        {
            throw new ArgumentException($"A {envelope.Kind} envelope is only ever sent sealed.", nameof(envelope));
        }

        return CleartextPrefix + PaddedBase64Url.Encode(EnvelopeCodec.Encode(envelope));
    }

    public static WireBodyKind Classify(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.StartsWith(CleartextPrefix, StringComparison.Ordinal))
        {
            return WireBodyKind.Cleartext;
        }

        return body.StartsWith(TokenPrefix, StringComparison.Ordinal) ? WireBodyKind.Token : WireBodyKind.Unknown;
    }

    /// <summary>Reads a cleartext body, which must hold a hello or a confirm.</summary>
    public static bool TryDecodeCleartext(string body, [NotNullWhen(true)] out Envelope? envelope, out EnvelopeFailure failure)
    {
        ArgumentNullException.ThrowIfNull(body);
        envelope = null;
        if (body.Length > MaxCleartextLength)
        {
            failure = EnvelopeFailure.TooLarge;
            return false;
        }

        if (!body.StartsWith(CleartextPrefix, StringComparison.Ordinal))
        {
            failure = EnvelopeFailure.NotCleartext;
            return false;
        }

        ReadOnlySpan<char> text = body.AsSpan(CleartextPrefix.Length);
        Span<byte> frame = stackalloc byte[PaddedBase64Url.GetMaxDecodedLength(MaxCleartextLength)];
        if (!PaddedBase64Url.TryDecode(text, frame, out int length))
        {
            failure = EnvelopeFailure.BadEncoding;
            return false;
        }

        if (!EnvelopeCodec.TryDecode(frame[..length], out Envelope? decoded, out failure))
        {
            return false;
        }

        // Accepting these in cleartext would let anyone who can write to the queue inject messages without a key.
        if (decoded.Kind is not (EnvelopeKind.Hello or EnvelopeKind.Confirm))
        {
            failure = EnvelopeFailure.SealedKindInCleartext;
            return false;
        }

        envelope = decoded;
        return true;
    }
}

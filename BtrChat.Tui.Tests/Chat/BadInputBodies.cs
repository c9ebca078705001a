using BtrChat.Crypto;
using BtrChat.Protocol;
using BtrChat.Tests.Protocol;

namespace BtrChat.Tests.Chat;

/// <summary>
/// Hostile queue bodies for the bad-input corpus, each built the way an attacker or a broken client would make it:
/// real tokens with one byte changed, tokens under other keys or at chosen times, and envelopes that open under the
/// session's real keys but are wrong inside.
/// </summary>
internal static class BadInputBodies
{
    /// <summary>SQS's (and the emulator's) maximum body: 1 MiB. One byte more is refused by the queue itself.</summary>
    public const int SqsMaximumBody = 1024 * 1024;

    /// <summary>Plaintext whose token is the longest one that fits in <see cref="SqsMaximumBody"/> (1,048,568 characters).</summary>
    private const int LargestTokenPlaintext = 786_360;

    /// <summary>A body of the maximum size that is no token at all.</summary>
    public static string MaximumSizeText() => new('x', SqsMaximumBody);

    /// <summary>A well-formed token as large as the queue allows, under a key nobody here has.</summary>
    public static string MaximumSizeTokenUnderAnotherKey()
    {
        using var stranger = FernetKey.Generate();
        return Fernet.Encrypt(stranger, new byte[LargestTokenPlaintext], DateTimeOffset.UtcNow);
    }

    /// <summary>The token's characters with one replaced by one that base64url never uses.</summary>
    public static string InvalidBase64(string token) => string.Concat(token.AsSpan(0, token.Length / 2), "*", token.AsSpan((token.Length / 2) + 1));

    /// <summary>The first half of a token: what a body cut off in transit looks like.</summary>
    public static string Truncated(string token) => token[..(token.Length / 2)];

    public static string WithVersionByte(string token, byte version) => WithBytes(token, bytes => bytes[0] = version);

    /// <summary>The last byte of the HMAC flipped: everything else is the genuine token.</summary>
    public static string WithBadHmac(string token) => WithBytes(token, bytes => bytes[^1] ^= 0x01);

    /// <summary>A data envelope from the peer to the victim as the codec would write it, with each field overridable.</summary>
    public static byte[] DataFrame(SessionKeys peer, ulong sequence, string text, uint? length = null) =>
        DataFrame(peer, sequence, System.Text.Encoding.UTF8.GetBytes(text), length);

    public static byte[] DataFrame(SessionKeys peer, ulong sequence, ReadOnlySpan<byte> text, uint? length = null)
    {
        var payload = new byte[Envelope.MessageIdSize + text.Length];
        Guid.NewGuid().TryWriteBytes(payload);
        text.CopyTo(payload.AsSpan(Envelope.MessageIdSize));
        return EnvelopeRawFrame.Build((byte)EnvelopeKind.Data, (byte)peer.MyRole, peer.Mine.ToArray(), peer.Peer.ToArray(), sequence, payload, length: length);
    }

    /// <summary>Seals <paramref name="frame"/> as the peer's session would, stamped <paramref name="at"/>.</summary>
    public static string Seal(SessionKeys peer, byte[] frame, DateTimeOffset at) => Fernet.Encrypt(peer.SendKey, frame, at);

    private static string WithBytes(string token, Action<byte[]> change)
    {
        var bytes = new byte[PaddedBase64Url.GetMaxDecodedLength(token.Length)];
        Assert.True(PaddedBase64Url.TryDecode(token, bytes, out var length));
        var exact = bytes[..length];
        change(exact);
        return PaddedBase64Url.Encode(exact);
    }
}

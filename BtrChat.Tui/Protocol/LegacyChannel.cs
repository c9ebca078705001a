using System.Text;
using BtrChat.Crypto;

namespace BtrChat.Protocol;

/// <summary>
/// The original btrchat's format: the Fernet key is the 44-character text PIN + a public suffix, the body
/// is the token, the plaintext is the bare UTF-8 text. The PIN lands only in the signing half of the key,
/// so this mode hides nothing from whoever copies a token, and a 4-character PIN falls to a search in
/// well under a second. It exists to talk to people who still run the original.
/// </summary>
public sealed class LegacyChannel : ISecureChannel
{
    public const string KeySuffix = "Hvc6L5DAqES1234DvoM8bMiIduMF93TBcpYf-vc=";
    public const int PinLength = 4;

    /// <summary>SQS's own maximum body size; anything larger cannot be a message we sent.</summary>
    public const int MaxBodyLength = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private FernetKey _key;

    private LegacyChannel(FernetKey key) => _key = key;

    public SecurityMode Mode => SecurityMode.Legacy;

    public bool CanSeal => true;

    /// <summary>The largest text whose token (base64 of about 4/3 the size) fits SQS's body limit.</summary>
    /// <summary>Most UTF-8 bytes of text whose token still fits in <see cref="MaxBodyLength"/>.</summary>
    public const int MaxTextLength = (MaxBodyLength / 4 * 3) - 128;

    public int MaxTextBytes => MaxTextLength;

    /// <summary>Null when <paramref name="pin"/> can be a legacy PIN, else one line saying why not.</summary>
    public static string? Validate(string pin)
    {
        if (pin.Length != PinLength)
        {
            return $"The PIN must be exactly {PinLength} characters (you typed {pin.Length}).";
        }

        return pin.All(IsBase64UrlChar) ? null : "The PIN may use only letters, digits, '-' and '_'.";
    }

    public static LegacyChannel Create(Pin pin) => new(KeyFor(pin));

    public IReadOnlyList<ChannelOutput> Start(DateTimeOffset now) => [];

    public bool Acknowledges => false;

    public string Seal(string text, DateTimeOffset now, long localId = 0, Guid messageId = default) => Fernet.Encrypt(_key, Encoding.UTF8.GetBytes(text), now);

    public int SealedLength(int textBytes) => Fernet.TokenLength(textBytes);

    public IReadOnlyList<ChannelOutput> Open(string body, object? tag, DateTimeOffset now) => [OpenOne(body, tag, now)];

    public void Shown(MessagePosition position)
    {
    }

    public IReadOnlyList<ChannelOutput> Tick(DateTimeOffset now) => [];

    public IReadOnlyList<ChannelOutput> ChangePin(Pin pin, DateTimeOffset now)
    {
        var old = _key;
        _key = KeyFor(pin);
        old.Dispose();
        return [];
    }

    public IReadOnlyList<ChannelOutput> Rebind(QueuePair queues, DateTimeOffset now) => [];

    public void Dispose() => _key.Dispose();

    private ChannelOutput OpenOne(string body, object? tag, DateTimeOffset now)
    {
        if (body.Length > MaxBodyLength)
        {
            return new ChannelOutput.Rejected(RejectReason.TooLarge, tag);
        }

        // No TTL and no clock-skew check: the original sets neither, and in this mode anyone can forge
        // a token with any timestamp, so a check would only reject honest peers with a skewed clock.
        var result = Fernet.Decrypt(_key, body.Trim(), now);
        if (!result.IsValid)
        {
            return new ChannelOutput.Rejected(
                result.Failure switch
                {
                    FernetFailure.BadSignature => RejectReason.WrongKey,
                    FernetFailure.BadPadding => RejectReason.Unreadable,
                    _ => RejectReason.NotAToken,
                },
                tag);
        }

        try
        {
            return new ChannelOutput.Message(StrictUtf8.GetString(result.Plaintext), result.Timestamp, tag);
        }
        catch (DecoderFallbackException)
        {
            return new ChannelOutput.Rejected(RejectReason.Unreadable, tag);
        }
    }

    private static FernetKey KeyFor(Pin pin)
    {
        if (Validate(pin.Value) is { } problem)
        {
            throw new ArgumentException(problem, nameof(pin));
        }

        return FernetKey.TryParse(pin.Value + KeySuffix, out var key)
            ? key
            : throw new ArgumentException("The PIN does not form a valid key.", nameof(pin));
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}

using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;
using BtrChat.Crypto;

namespace BtrChat.Protocol;

/// <summary>
/// One frame of the <c>pin</c> mode: who sent it, to whom, its place in the sender's sequence, and a payload
/// whose shape depends on the kind. <see cref="EnvelopeCodec"/> turns it into bytes and back.
/// </summary>
/// <remarks>
/// Every instance satisfies the same rules the decoder enforces: the factories throw where the decoder returns
/// <see cref="EnvelopeFailure.BadPayload"/>, so whatever is built can be sent, and whatever is sent is accepted.
/// </remarks>
public sealed class Envelope : IEquatable<Envelope>
{
    /// <summary>Length of a hello's payload: an uncompressed P-256 point, 0x04 ‖ x ‖ y.</summary>
    public const int ShareSize = Spake2Party.ShareSize;

    /// <summary>Length of a confirm's payload: one HMAC-SHA256 output.</summary>
    public const int ConfirmationSize = Spake2Keys.ConfirmationSize;

    /// <summary>Length of the message id that starts a data envelope's payload.</summary>
    public const int MessageIdSize = 16;

    /// <summary>Length of a receipt's payload: the acknowledged sequence number.</summary>
    public const int AcknowledgementSize = sizeof(ulong);

    private const byte UncompressedPoint = 0x04;

    private readonly byte[] _payload;

    private Envelope(EnvelopeKind kind, PeerRole senderRole, SessionId sender, SessionId recipient, ulong sequence, byte[] payload)
    {
        Kind = kind;
        SenderRole = senderRole;
        Sender = sender;
        Recipient = recipient;
        Sequence = sequence;
        _payload = payload;
    }

    public EnvelopeKind Kind { get; }

    public PeerRole SenderRole { get; }

    public SessionId Sender { get; }

    /// <summary>The peer's session id; <see cref="SessionId.Zero"/> in a hello, which cannot know it yet.</summary>
    public SessionId Recipient { get; }

    /// <summary>0 in a hello or confirm; data and receipts each count from 1.</summary>
    public ulong Sequence { get; }

    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>A data envelope's message id, read as a big-endian (RFC 9562) UUID.</summary>
    /// <exception cref="InvalidOperationException">This is not a data envelope.</exception>
    public Guid MessageId => new(DataPayload[..MessageIdSize], bigEndian: true);

    /// <summary>A data envelope's text.</summary>
    /// <exception cref="InvalidOperationException">This is not a data envelope.</exception>
    public string Text => Encoding.UTF8.GetString(DataPayload[MessageIdSize..]);

    /// <summary>A receipt's acknowledgement: every data envelope up to and including this sequence number arrived.</summary>
    /// <exception cref="InvalidOperationException">This is not a receipt.</exception>
    public ulong AcknowledgedThrough => Kind == EnvelopeKind.Receipt
        ? BinaryPrimitives.ReadUInt64BigEndian(_payload)
        : throw new InvalidOperationException($"A {Kind} envelope acknowledges nothing.");

    private ReadOnlySpan<byte> DataPayload => Kind == EnvelopeKind.Data
        ? _payload
        : throw new InvalidOperationException($"A {Kind} envelope carries no message.");

    /// <summary>Opens a handshake: this side's SPAKE2 share, to whoever is listening.</summary>
    /// <exception cref="ArgumentException">The share is not 65 bytes starting 0x04, the role is undefined, or the sender is zero.</exception>
    public static Envelope Hello(PeerRole role, SessionId sender, ReadOnlySpan<byte> share) =>
        Create(EnvelopeKind.Hello, role, sender, SessionId.Zero, 0, share.ToArray());

    /// <exception cref="ArgumentException">The MAC is not 32 bytes, the role is undefined, or a session id is zero.</exception>
    public static Envelope Confirm(PeerRole role, SessionId sender, SessionId recipient, ReadOnlySpan<byte> mac) =>
        Create(EnvelopeKind.Confirm, role, sender, recipient, 0, mac.ToArray());

    /// <summary>A chat message.</summary>
    /// <remarks>
    /// The text is encoded as .NET always does, so a lone surrogate arrives as U+FFFD rather than failing a send
    /// the user cannot fix. Check <see cref="Encoding.GetByteCount(string)"/> of <see cref="Encoding.UTF8"/> against
    /// <see cref="EnvelopeCodec.MaxTextBytes"/> before calling.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The text is longer than <see cref="EnvelopeCodec.MaxTextBytes"/> in UTF-8, the sequence is 0, the role is
    /// undefined, or a session id is zero.
    /// </exception>
    public static Envelope Data(PeerRole role, SessionId sender, SessionId recipient, ulong sequence, Guid messageId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int textBytes = Encoding.UTF8.GetByteCount(text);
        if (textBytes > EnvelopeCodec.MaxTextBytes)
        {
            throw new ArgumentException(
                $"A message is at most {EnvelopeCodec.MaxTextBytes} bytes of UTF-8, not {textBytes}.", nameof(text));
        }

        byte[] payload = new byte[MessageIdSize + textBytes];
        messageId.TryWriteBytes(payload, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(text, payload.AsSpan(MessageIdSize));
        return Create(EnvelopeKind.Data, role, sender, recipient, sequence, payload);
    }

    /// <exception cref="ArgumentException">
    /// The sequence or <paramref name="acknowledgedThrough"/> is 0, the role is undefined, or a session id is zero.
    /// </exception>
    public static Envelope Receipt(PeerRole role, SessionId sender, SessionId recipient, ulong sequence, ulong acknowledgedThrough)
    {
        byte[] payload = new byte[AcknowledgementSize];
        BinaryPrimitives.WriteUInt64BigEndian(payload, acknowledgedThrough);
        return Create(EnvelopeKind.Receipt, role, sender, recipient, sequence, payload);
    }

    /// <summary>The decoder's way in: null where a factory would throw, and the payload copied only once it passes.</summary>
    internal static Envelope? TryCreate(
        EnvelopeKind kind,
        PeerRole role,
        SessionId sender,
        SessionId recipient,
        ulong sequence,
        ReadOnlySpan<byte> payload) =>
        Violation(kind, role, sender, recipient, sequence, payload) is null
            ? new Envelope(kind, role, sender, recipient, sequence, payload.ToArray())
            : null;

    public bool Equals(Envelope? other) =>
        other is not null
        && Kind == other.Kind
        && SenderRole == other.SenderRole
        && Sender == other.Sender
        && Recipient == other.Recipient
        && Sequence == other.Sequence
        && _payload.AsSpan().SequenceEqual(other._payload);

    public override bool Equals(object? obj) => Equals(obj as Envelope);

    public override int GetHashCode() => HashCode.Combine(Kind, SenderRole, Sender, Recipient, Sequence, _payload.Length);

    /// <summary>The header only: a data payload is the user's message, which has no place in a log line.</summary>
    public override string ToString() =>
        $"{Kind} {SenderRole} {Sender}->{Recipient} #{Sequence} ({_payload.Length}-byte payload)";

    private static Envelope Create(EnvelopeKind kind, PeerRole role, SessionId sender, SessionId recipient, ulong sequence, byte[] payload)
    {
        string? problem = Violation(kind, role, sender, recipient, sequence, payload);
        return problem is null
            ? new Envelope(kind, role, sender, recipient, sequence, payload)
            : throw new ArgumentException(problem);
    }

    /// <summary>Null when the fields make a valid envelope, else why not; the one place these rules live.</summary>
    private static string? Violation(
        EnvelopeKind kind,
        PeerRole role,
        SessionId sender,
        SessionId recipient,
        ulong sequence,
        ReadOnlySpan<byte> payload)
    {
        if (kind is not (EnvelopeKind.Hello or EnvelopeKind.Confirm or EnvelopeKind.Data or EnvelopeKind.Receipt))
        {
            return $"An envelope kind is 1 to 4, not {(byte)kind}.";
        }

        if (role is not (PeerRole.A or PeerRole.B))
        {
            return $"A sender role is A or B, not {(byte)role}.";
        }

        if (sender.IsZero)
        {
            return "A sender session id is never zero.";
        }

        if (payload.Length > EnvelopeCodec.MaxPayload)
        {
            return $"A payload is at most {EnvelopeCodec.MaxPayload} bytes, not {payload.Length}.";
        }

        // Only a hello, the first frame of a run, lacks the peer's id; a later frame without it could be meant for anyone.
        bool firstFrame = kind == EnvelopeKind.Hello;
        if (recipient.IsZero != firstFrame)
        {
            return firstFrame ? "A hello names no recipient." : $"A {kind} envelope names its recipient.";
        }

        // The handshake frames are not counted; data and receipts count from 1 so that 0 can mean "none yet".
        bool counted = kind is EnvelopeKind.Data or EnvelopeKind.Receipt;
        if ((sequence != 0) != counted)
        {
            return counted ? $"A {kind} envelope's sequence starts at 1." : $"A {kind} envelope has sequence 0.";
        }

        return kind switch
        {
            EnvelopeKind.Hello when payload.Length != ShareSize || payload[0] != UncompressedPoint =>
                $"A hello carries a {ShareSize}-byte uncompressed point (0x04 first).",
            EnvelopeKind.Confirm when payload.Length != ConfirmationSize =>
                $"A confirm carries a {ConfirmationSize}-byte MAC.",
            EnvelopeKind.Data when payload.Length < MessageIdSize || !Utf8.IsValid(payload[MessageIdSize..]) =>
                $"A data payload is a {MessageIdSize}-byte message id and valid UTF-8 text.",
            EnvelopeKind.Receipt when payload.Length != AcknowledgementSize =>
                $"A receipt carries a {AcknowledgementSize}-byte sequence number.",
            EnvelopeKind.Receipt when BinaryPrimitives.ReadUInt64BigEndian(payload) == 0 =>
                "A receipt acknowledges at least sequence 1.",
            _ => null,
        };
    }
}

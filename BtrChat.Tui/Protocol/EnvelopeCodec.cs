using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace BtrChat.Protocol;

/// <summary>
/// The byte form of an <see cref="Envelope"/>, version 1 (docs/protocol.md): a 47-byte big-endian header, the
/// payload, then zeros up to the smallest bucket that holds both.
/// </summary>
/// <remarks>
/// Padding to a few fixed sizes means a sealed frame's length says little more than which power of two its message
/// falls under. Decoding is total and canonical: any bytes give an envelope or an <see cref="EnvelopeFailure"/>,
/// never an exception, and only the exact bytes <see cref="Encode"/> would write for an envelope decode to it.
/// </remarks>
public static class EnvelopeCodec
{
    public const byte Version = 1;

    public const int HeaderSize = 47;

    /// <summary>The smallest bucket; every bucket is a power of two from here to <see cref="MaxEnvelopeSize"/>.</summary>
    public const int MinEnvelopeSize = 64;

    public const int MaxEnvelopeSize = 262144;

    public const int MaxPayload = MaxEnvelopeSize - HeaderSize;

    /// <summary>Most UTF-8 bytes a data envelope's text may have; the UI refuses longer messages before sealing.</summary>
    public const int MaxTextBytes = MaxPayload - Envelope.MessageIdSize;

    private const int KindOffset = 1;
    private const int RoleOffset = 2;
    private const int SenderOffset = 3;
    private const int RecipientOffset = SenderOffset + SessionId.Size;
    private const int SequenceOffset = RecipientOffset + SessionId.Size;
    private const int LengthOffset = SequenceOffset + sizeof(ulong);

    /// <summary>Writes the envelope into a new array of exactly its bucket size.</summary>
    /// <remarks>
    /// Cannot fail for an <see cref="Envelope"/>: its factories already refused any payload over
    /// <see cref="MaxPayload"/> with an <see cref="ArgumentException"/>.
    /// </remarks>
    public static byte[] Encode(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ReadOnlySpan<byte> payload = envelope.Payload.Span;
        byte[] frame = new byte[BucketFor(HeaderSize + payload.Length)];
        frame[0] = Version;
        frame[KindOffset] = (byte)envelope.Kind;
        frame[RoleOffset] = (byte)envelope.SenderRole;
        envelope.Sender.CopyTo(frame.AsSpan(SenderOffset));
        envelope.Recipient.CopyTo(frame.AsSpan(RecipientOffset));
        BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(SequenceOffset), envelope.Sequence);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(LengthOffset), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    /// <summary>Reads one frame, checking everything docs/protocol.md requires before anything is allocated.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, [NotNullWhen(true)] out Envelope? envelope, out EnvelopeFailure failure)
    {
        failure = Read(frame, out envelope);
        return envelope is not null;
    }

    /// <summary>The size of the frame that holds <paramref name="size"/> bytes of header and payload.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative or over <see cref="MaxEnvelopeSize"/>.</exception>
    public static int BucketFor(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxEnvelopeSize);
        return Math.Max(MinEnvelopeSize, (int)BitOperations.RoundUpToPowerOf2((uint)size));
    }

    private static EnvelopeFailure Read(ReadOnlySpan<byte> frame, out Envelope? envelope)
    {
        envelope = null;
        if (frame.Length < MinEnvelopeSize)
        {
            return EnvelopeFailure.TooShort;
        }

        if (frame.Length > MaxEnvelopeSize)
        {
            return EnvelopeFailure.TooLarge;
        }

        if (!BitOperations.IsPow2(frame.Length))
        {
            return EnvelopeFailure.NotABucketSize;
        }

        if (frame[0] != Version)
        {
            return EnvelopeFailure.UnknownVersion;
        }

        var kind = (EnvelopeKind)frame[KindOffset];
        if (kind is not (EnvelopeKind.Hello or EnvelopeKind.Confirm or EnvelopeKind.Data or EnvelopeKind.Receipt))
        {
            return EnvelopeFailure.UnknownKind;
        }

        var role = (PeerRole)frame[RoleOffset];
        if (role is not (PeerRole.A or PeerRole.B))
        {
            return EnvelopeFailure.UnknownRole;
        }

        // Checked against the bytes actually present before it sizes anything, so a forged length costs nothing.
        uint length = BinaryPrimitives.ReadUInt32BigEndian(frame[LengthOffset..]);
        if (length > (uint)(frame.Length - HeaderSize))
        {
            return EnvelopeFailure.LengthOutOfRange;
        }

        // Together these leave one byte sequence per envelope, so nothing can ride along after the payload.
        int end = HeaderSize + (int)length;
        if (frame.Length != BucketFor(end))
        {
            return EnvelopeFailure.WrongBucket;
        }

        if (frame[end..].ContainsAnyExcept((byte)0))
        {
            return EnvelopeFailure.NonZeroPadding;
        }

        envelope = Envelope.TryCreate(
            kind,
            role,
            new SessionId(frame.Slice(SenderOffset, SessionId.Size)),
            new SessionId(frame.Slice(RecipientOffset, SessionId.Size)),
            BinaryPrimitives.ReadUInt64BigEndian(frame[SequenceOffset..]),
            frame.Slice(HeaderSize, (int)length));
        return envelope is null ? EnvelopeFailure.BadPayload : EnvelopeFailure.None;
    }
}

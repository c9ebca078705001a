using System.Buffers.Binary;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// Writes envelope bytes by hand from the layout in docs/protocol.md, so tests can craft frames the encoder
/// refuses to make, and check the encoder against a second reading of the layout.
/// </summary>
internal static class EnvelopeRawFrame
{
    public static byte[] Build(
        byte kind,
        byte role,
        ReadOnlySpan<byte> sender,
        ReadOnlySpan<byte> recipient,
        ulong sequence,
        ReadOnlySpan<byte> payload,
        byte version = 1,
        uint? length = null,
        int? size = null)
    {
        byte[] frame = new byte[size ?? Bucket(47 + payload.Length)];
        frame[0] = version;
        frame[1] = kind;
        frame[2] = role;
        sender.CopyTo(frame.AsSpan(3, 16));
        recipient.CopyTo(frame.AsSpan(19, 16));
        BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(35), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(43), length ?? (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(47));
        return frame;
    }

    public static int Bucket(int size)
    {
        int bucket = 64;
        while (bucket < size)
        {
            bucket *= 2;
        }

        return bucket;
    }
}

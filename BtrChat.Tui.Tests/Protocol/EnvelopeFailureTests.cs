using System.Buffers.Binary;
using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public class EnvelopeFailureTests
{
    private static readonly byte[] A = EnvelopeVectors.Bytes(0x00, 16);
    private static readonly byte[] B = EnvelopeVectors.Bytes(0x10, 16);
    private static readonly byte[] Zero = new byte[16];
    private static readonly byte[] MessageId = EnvelopeVectors.Bytes(0x20, 16);

    /// <summary>A crafted frame for every reason the codec gives, each described by how it was spoiled.</summary>
    public static IReadOnlyList<(string Spoiled, byte[] Frame, EnvelopeFailure Reason)> CodecCases { get; } =
    [
        ("empty", [], EnvelopeFailure.TooShort),
        ("one byte", [1], EnvelopeFailure.TooShort),
        ("a header but under the smallest bucket", Valid("receipt")[..47], EnvelopeFailure.TooShort),
        ("63 bytes", Valid("receipt")[..63], EnvelopeFailure.TooShort),
        ("one byte over the largest bucket", new byte[262145], EnvelopeFailure.TooLarge),
        ("twice the largest bucket", new byte[524288], EnvelopeFailure.TooLarge),
        ("65 bytes", [.. Valid("receipt"), 0], EnvelopeFailure.NotABucketSize),
        ("127 bytes", Valid("hello")[..127], EnvelopeFailure.NotABucketSize),
        ("a bucket and one trailing byte", [.. Valid("hello"), 0], EnvelopeFailure.NotABucketSize),
        ("262143 bytes", new byte[262143], EnvelopeFailure.NotABucketSize),
        ("version 0", With(Valid("hello"), 0, 0), EnvelopeFailure.UnknownVersion),
        ("version 2", With(Valid("hello"), 0, 2), EnvelopeFailure.UnknownVersion),
        ("version 0xff", With(Valid("data"), 0, 0xff), EnvelopeFailure.UnknownVersion),
        ("all zero", new byte[64], EnvelopeFailure.UnknownVersion),
        ("kind 0", With(Valid("hello"), 1, 0), EnvelopeFailure.UnknownKind),
        ("kind 5", With(Valid("receipt"), 1, 5), EnvelopeFailure.UnknownKind),
        ("kind 0xff", With(Valid("data"), 1, 0xff), EnvelopeFailure.UnknownKind),
        ("role 0", With(Valid("hello"), 2, 0), EnvelopeFailure.UnknownRole),
        ("role 'a'", With(Valid("hello"), 2, (byte)'a'), EnvelopeFailure.UnknownRole),
        ("role 'C'", With(Valid("data"), 2, (byte)'C'), EnvelopeFailure.UnknownRole),
        ("role 0x40", With(Valid("receipt"), 2, 0x40), EnvelopeFailure.UnknownRole),
        ("length one past the frame", Length(Valid("receipt"), 64 - 47 + 1), EnvelopeFailure.LengthOutOfRange),
        ("length 0x80000000", Length(Valid("hello"), 0x8000_0000), EnvelopeFailure.LengthOutOfRange),
        ("length 0xffffffff", Length(Valid("data"), uint.MaxValue), EnvelopeFailure.LengthOutOfRange),
        ("receipt padded to 128", Padded(Valid("receipt"), 128), EnvelopeFailure.WrongBucket),
        ("hello padded to 262144", Padded(Valid("hello"), 262144), EnvelopeFailure.WrongBucket),
        ("hello with its length cut to fit 64", Length(Valid("hello"), 17), EnvelopeFailure.WrongBucket),
        ("last byte set", With(Valid("hello"), 127, 1), EnvelopeFailure.NonZeroPadding),
        ("first byte after the payload set", With(Valid("receipt"), 47 + 8, 0x80), EnvelopeFailure.NonZeroPadding),
        ("data length one short, text byte left behind", Length(Raw(3, A, B, 1, [.. MessageId, .. "hey"u8]), 18), EnvelopeFailure.NonZeroPadding),
        ("zero sender", Raw(1, Zero, Zero, 0, EnvelopeVectors.Share), EnvelopeFailure.BadPayload),
        ("hello share 64 bytes", Raw(1, A, Zero, 0, EnvelopeVectors.Share[..64]), EnvelopeFailure.BadPayload),
        ("hello share 66 bytes", Raw(1, A, Zero, 0, [.. EnvelopeVectors.Share, 0x41]), EnvelopeFailure.BadPayload),
        ("hello share compressed", Raw(1, A, Zero, 0, With(EnvelopeVectors.Share, 0, 0x02)), EnvelopeFailure.BadPayload),
        ("hello with a recipient", Raw(1, A, B, 0, EnvelopeVectors.Share), EnvelopeFailure.BadPayload),
        ("hello with a sequence", Raw(1, A, Zero, 1, EnvelopeVectors.Share), EnvelopeFailure.BadPayload),
        ("confirm MAC 31 bytes", Raw(2, A, B, 0, EnvelopeVectors.Mac[..31]), EnvelopeFailure.BadPayload),
        ("confirm MAC 33 bytes", Raw(2, A, B, 0, [.. EnvelopeVectors.Mac, 0xc0]), EnvelopeFailure.BadPayload),
        ("confirm with no recipient", Raw(2, A, Zero, 0, EnvelopeVectors.Mac), EnvelopeFailure.BadPayload),
        ("confirm with a sequence", Raw(2, A, B, ulong.MaxValue, EnvelopeVectors.Mac), EnvelopeFailure.BadPayload),
        ("data sequence 0", Raw(3, A, B, 0, [.. MessageId, .. "hi"u8]), EnvelopeFailure.BadPayload),
        ("data with no recipient", Raw(3, A, Zero, 1, [.. MessageId, .. "hi"u8]), EnvelopeFailure.BadPayload),
        ("data shorter than a message id", Raw(3, A, B, 1, MessageId[..15]), EnvelopeFailure.BadPayload),
        ("data empty", Raw(3, A, B, 1, []), EnvelopeFailure.BadPayload),
        ("text byte 0xff", Raw(3, A, B, 1, [.. MessageId, 0x68, 0xff]), EnvelopeFailure.BadPayload),
        ("text overlong NUL", Raw(3, A, B, 1, [.. MessageId, 0xc0, 0x80]), EnvelopeFailure.BadPayload),
        ("text encoded surrogate", Raw(3, A, B, 1, [.. MessageId, 0xed, 0xa0, 0x80]), EnvelopeFailure.BadPayload),
        ("text truncated sequence", Raw(3, A, B, 1, [.. MessageId, 0xe2, 0x82]), EnvelopeFailure.BadPayload),
        ("text above U+10FFFF", Raw(3, A, B, 1, [.. MessageId, 0xf4, 0x90, 0x80, 0x80]), EnvelopeFailure.BadPayload),
        ("receipt sequence 0", Raw(4, B, A, 0, Ack(1)), EnvelopeFailure.BadPayload),
        ("receipt acknowledging 0", Raw(4, B, A, 1, Ack(0)), EnvelopeFailure.BadPayload),
        ("receipt 7 bytes", Raw(4, B, A, 1, Ack(1)[..7]), EnvelopeFailure.BadPayload),
        ("receipt 9 bytes", Raw(4, B, A, 1, [.. Ack(1), 0x01]), EnvelopeFailure.BadPayload),
        ("receipt with no recipient", Raw(4, B, Zero, 1, Ack(1)), EnvelopeFailure.BadPayload),
    ];

    public static TheoryData<string, byte[], EnvelopeFailure> CodecRows => new(CodecCases);

    [Theory]
    [MemberData(nameof(CodecRows), DisableDiscoveryEnumeration = true)]
    public void TryDecode_CraftedFrame_FailsWithItsReason(string spoiled, byte[] frame, EnvelopeFailure reason)
    {
        bool decoded = EnvelopeCodec.TryDecode(frame, out Envelope? envelope, out EnvelopeFailure failure);

        Assert.False(decoded, spoiled);
        Assert.Null(envelope);
        Assert.Equal(reason, failure);
    }

    [Fact]
    public void CraftedCases_TogetherWithWireBodyCases_CoverEveryReason()
    {
        IEnumerable<EnvelopeFailure> covered = CodecCases.Select(row => row.Reason)
            .Concat(WireBodyTests.FailureCases.Select(row => row.Reason));

        Assert.Equal(
            Enum.GetValues<EnvelopeFailure>().Where(failure => failure != EnvelopeFailure.None).Order(),
            covered.Distinct().Order());
    }

    [Fact]
    public void CraftedBuilder_WithNothingSpoiled_Decodes()
    {
        // Guards the cases above: each differs from a frame that decodes only in what its name says.
        Assert.True(EnvelopeCodec.TryDecode(Raw(1, A, Zero, 0, EnvelopeVectors.Share), out _, out _));
        Assert.True(EnvelopeCodec.TryDecode(Raw(2, A, B, 0, EnvelopeVectors.Mac), out _, out _));
        Assert.True(EnvelopeCodec.TryDecode(Raw(3, A, B, 1, MessageId), out _, out _));
        Assert.True(EnvelopeCodec.TryDecode(Raw(4, B, A, 1, Ack(1)), out _, out _));
        Assert.Equal(EnvelopeVectors.ReceiptHex, Convert.ToHexStringLower(Valid("receipt")));
    }

    private static byte[] Valid(string name) => EnvelopeCodec.Encode(EnvelopeVectors.Named(name));

    private static byte[] Raw(byte kind, byte[] sender, byte[] recipient, ulong sequence, byte[] payload) =>
        EnvelopeRawFrame.Build(kind, (byte)'A', sender, recipient, sequence, payload);

    private static byte[] With(byte[] bytes, int index, byte value)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] Length(byte[] frame, uint length)
    {
        byte[] copy = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(43), length);
        return copy;
    }

    private static byte[] Padded(byte[] frame, int size)
    {
        byte[] larger = new byte[size];
        frame.CopyTo(larger, 0);
        return larger;
    }

    private static byte[] Ack(ulong sequence)
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, sequence);
        return bytes;
    }
}

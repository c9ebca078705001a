using System.Security.Cryptography;
using System.Text;
using BtrChat.Crypto;
using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public class EnvelopeCodecTests
{
    private static readonly int[] Buckets = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144];

    public static TheoryData<string> Kinds => ["hello", "confirm", "data", "receipt"];

    [Fact]
    public void Limits_AreTheDocumentedSizes()
    {
        Assert.Equal(47, EnvelopeCodec.HeaderSize);
        Assert.Equal(64, EnvelopeCodec.MinEnvelopeSize);
        Assert.Equal(262144, EnvelopeCodec.MaxEnvelopeSize);
        Assert.Equal(262144 - 47, EnvelopeCodec.MaxPayload);
        Assert.Equal(262144 - 47 - 16, EnvelopeCodec.MaxTextBytes);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TryDecode_EncodingOfFreshEnvelope_RoundTrips(string kind)
    {
        var a = SessionId.NewRandom();
        var b = SessionId.NewRandom();
        byte[] share = [0x04, .. RandomNumberGenerator.GetBytes(64)];
        Envelope original = kind switch
        {
            "hello" => Envelope.Hello(PeerRole.B, b, share),
            "confirm" => Envelope.Confirm(PeerRole.B, b, a, RandomNumberGenerator.GetBytes(32)),
            "data" => Envelope.Data(PeerRole.A, a, b, ulong.MaxValue, Guid.NewGuid(), "héllo, 世界 🌍"),
            _ => Envelope.Receipt(PeerRole.A, a, b, 7, ulong.MaxValue),
        };

        Assert.True(EnvelopeCodec.TryDecode(EnvelopeCodec.Encode(original), out Envelope? decoded, out EnvelopeFailure failure));

        Assert.Equal(EnvelopeFailure.None, failure);
        Assert.Equal(original, decoded);
        Assert.Equal(original.Payload.ToArray(), decoded.Payload.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("hi")]
    [InlineData("line one\nline two")]
    [InlineData("emoji 🌍 and combining e\u0301")]
    public void TryDecode_DataEnvelope_GivesBackTextAndMessageId(string text)
    {
        Guid id = Guid.NewGuid();
        Envelope data = Envelope.Data(PeerRole.A, SessionId.NewRandom(), SessionId.NewRandom(), 3, id, text);

        Assert.True(EnvelopeCodec.TryDecode(EnvelopeCodec.Encode(data), out Envelope? decoded, out _));

        Assert.Equal(text, decoded.Text);
        Assert.Equal(id, decoded.MessageId);
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 128)]
    [InlineData(65, 128)]
    [InlineData(66, 256)]
    [InlineData(EnvelopeCodec.MaxTextBytes - 1, 262144)]
    [InlineData(EnvelopeCodec.MaxTextBytes, 262144)]
    public void Encode_DataAtBucketEdge_FillsExactlyTheSmallestBucket(int textBytes, int size)
    {
        Envelope data = DataWithText(textBytes);

        byte[] frame = EnvelopeCodec.Encode(data);

        Assert.Equal(size, frame.Length);
        Assert.True(EnvelopeCodec.TryDecode(frame, out Envelope? decoded, out _));
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void Encode_HeaderAndPayloadOfEveryBucketSize_IsThatBucketAndOneMoreIsTheNext()
    {
        for (int i = 0; i < Buckets.Length; i++)
        {
            int textBytes = Buckets[i] - EnvelopeCodec.HeaderSize - Envelope.MessageIdSize;
            Assert.Equal(Buckets[i], EnvelopeCodec.Encode(DataWithText(textBytes)).Length);
            if (i + 1 < Buckets.Length)
            {
                Assert.Equal(Buckets[i + 1], EnvelopeCodec.Encode(DataWithText(textBytes + 1)).Length);
            }
        }
    }

    [Fact]
    public void Data_OneByteMoreThanTheLargestBucketHolds_Throws()
    {
        // 47 + 16 + MaxTextBytes + 1 = 262145: the envelope is refused as it is built, so it never reaches Encode.
        Assert.Throws<ArgumentException>(() => DataWithText(EnvelopeCodec.MaxTextBytes + 1));
    }

    [Fact]
    public void Data_MultiByteTextOverTheLimit_CountsUtf8BytesNotCharacters()
    {
        string text = new('é', (EnvelopeCodec.MaxTextBytes / 2) + 1);

        Assert.Throws<ArgumentException>(() => Envelope.Data(PeerRole.A, SessionId.NewRandom(), SessionId.NewRandom(), 1, Guid.NewGuid(), text));
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(47, 64)]
    [InlineData(64, 64)]
    [InlineData(65, 128)]
    [InlineData(4096, 4096)]
    [InlineData(4097, 8192)]
    [InlineData(262144, 262144)]
    public void BucketFor_Size_IsTheSmallestBucketHoldingIt(int size, int bucket)
    {
        Assert.Equal(bucket, EnvelopeCodec.BucketFor(size));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(262145)]
    [InlineData(int.MaxValue)]
    public void BucketFor_SizeNoBucketHolds_Throws(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvelopeCodec.BucketFor(size));
    }

    [Fact]
    public void Encode_RandomEnvelopes_MatchesTheLayoutWrittenByHand()
    {
        var random = new Random(9382);
        for (int i = 0; i < 200; i++)
        {
            byte[] a = new byte[16];
            byte[] b = new byte[16];
            random.NextBytes(a);
            random.NextBytes(b);
            a[0] |= 1;
            b[0] |= 1;
            ulong sequence = (ulong)random.NextInt64(1, long.MaxValue);
            string text = new('x', random.Next(0, 3000));
            Envelope data = Envelope.Data(PeerRole.B, new SessionId(a), new SessionId(b), sequence, Guid.Empty, text);

            byte[] expected = EnvelopeRawFrame.Build(3, (byte)'B', a, b, sequence, [.. new byte[16], .. Encoding.UTF8.GetBytes(text)]);

            Assert.Equal(expected, EnvelopeCodec.Encode(data));
        }
    }

    [Fact]
    public void Encode_LargestEnvelopeSealed_IsTheDocumentedTokenLengthAndFitsAnSqsBody()
    {
        using FernetKey key = FernetKey.Generate();

        string token = Fernet.Encrypt(key, EnvelopeCodec.Encode(DataWithText(EnvelopeCodec.MaxTextBytes)), DateTimeOffset.UnixEpoch);

        Assert.Equal(349624, token.Length);
        Assert.True(token.Length <= 1024 * 1024);
        Assert.Equal(WireBodyKind.Token, WireBody.Classify(token));
    }

    private static Envelope DataWithText(int textBytes) =>
        Envelope.Data(PeerRole.A, EnvelopeVectors.SessionA, EnvelopeVectors.SessionB, 1, EnvelopeVectors.MessageId, new string('x', textBytes));
}

using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public class EnvelopeTests
{
    private static readonly SessionId A = EnvelopeVectors.SessionA;
    private static readonly SessionId B = EnvelopeVectors.SessionB;

    public static TheoryData<string, Func<Envelope>> Misuses => new()
    {
        { "share 64 bytes", () => Envelope.Hello(PeerRole.A, A, EnvelopeVectors.Share[..64]) },
        { "share not starting 0x04", () => Envelope.Hello(PeerRole.A, A, [0x03, .. EnvelopeVectors.Share[1..]]) },
        { "hello from zero", () => Envelope.Hello(PeerRole.A, SessionId.Zero, EnvelopeVectors.Share) },
        { "hello role 0", () => Envelope.Hello(default, A, EnvelopeVectors.Share) },
        { "MAC 31 bytes", () => Envelope.Confirm(PeerRole.A, A, B, EnvelopeVectors.Mac[..31]) },
        { "confirm to zero", () => Envelope.Confirm(PeerRole.A, A, SessionId.Zero, EnvelopeVectors.Mac) },
        { "confirm role 'C'", () => Envelope.Confirm((PeerRole)'C', A, B, EnvelopeVectors.Mac) },
        { "data sequence 0", () => Envelope.Data(PeerRole.A, A, B, 0, Guid.NewGuid(), "hi") },
        { "data to zero", () => Envelope.Data(PeerRole.A, A, SessionId.Zero, 1, Guid.NewGuid(), "hi") },
        { "data from zero", () => Envelope.Data(PeerRole.A, SessionId.Zero, B, 1, Guid.NewGuid(), "hi") },
        { "receipt sequence 0", () => Envelope.Receipt(PeerRole.B, B, A, 0, 1) },
        { "receipt acknowledging 0", () => Envelope.Receipt(PeerRole.B, B, A, 1, 0) },
        { "receipt to zero", () => Envelope.Receipt(PeerRole.B, B, SessionId.Zero, 1, 1) },
    };

    [Theory]
    [MemberData(nameof(Misuses))]
    public void Factory_ArgumentsTheDecoderWouldRefuse_Throws(string misuse, Func<Envelope> build)
    {
        var exception = Assert.Throws<ArgumentException>(build);

        Assert.False(string.IsNullOrWhiteSpace(exception.Message), misuse);
    }

    [Fact]
    public void Data_NullText_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Envelope.Data(PeerRole.A, A, B, 1, Guid.NewGuid(), null!));
    }

    [Fact]
    public void Data_LoneSurrogate_IsSentAsReplacementCharacter()
    {
        Envelope data = Envelope.Data(PeerRole.A, A, B, 1, Guid.NewGuid(), "a\uD800b");

        Assert.True(EnvelopeCodec.TryDecode(EnvelopeCodec.Encode(data), out Envelope? decoded, out _));
        Assert.Equal("a\uFFFDb", decoded.Text);
    }

    [Fact]
    public void Data_MessageId_IsWrittenBigEndian()
    {
        Envelope data = EnvelopeVectors.Data;

        Assert.Equal(EnvelopeVectors.Bytes(0x20, 16), data.Payload[..16].ToArray());
        Assert.Equal(EnvelopeVectors.MessageId, data.MessageId);
    }

    [Fact]
    public void Hello_SharePassedIn_IsCopiedNotShared()
    {
        byte[] share = EnvelopeVectors.Share;
        Envelope hello = Envelope.Hello(PeerRole.A, A, share);

        share[1] ^= 0xff;

        Assert.Equal(EnvelopeVectors.Share, hello.Payload.ToArray());
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("confirm")]
    [InlineData("receipt")]
    public void TextAndMessageId_OfANonDataEnvelope_Throw(string name)
    {
        Envelope envelope = EnvelopeVectors.Named(name);

        Assert.Throws<InvalidOperationException>(() => envelope.Text);
        Assert.Throws<InvalidOperationException>(() => envelope.MessageId);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("confirm")]
    [InlineData("data")]
    public void AcknowledgedThrough_OfANonReceipt_Throws(string name)
    {
        Envelope envelope = EnvelopeVectors.Named(name);

        Assert.Throws<InvalidOperationException>(() => envelope.AcknowledgedThrough);
    }

    [Fact]
    public void Equals_SameFieldsBuiltTwice_IsEqualWithEqualHashes()
    {
        Assert.Equal(EnvelopeVectors.Data, EnvelopeVectors.Data);
        Assert.Equal(EnvelopeVectors.Data.GetHashCode(), EnvelopeVectors.Data.GetHashCode());
        Assert.True(EnvelopeVectors.Hello.Equals((object)EnvelopeVectors.Hello));
    }

    [Fact]
    public void Equals_AnyOneFieldDifferent_IsNotEqual()
    {
        Envelope data = EnvelopeVectors.Data;
        Guid id = EnvelopeVectors.MessageId;

        Assert.NotEqual(data, Envelope.Data(PeerRole.B, A, B, 1, id, "hi"));
        Assert.NotEqual(data, Envelope.Data(PeerRole.A, B, A, 1, id, "hi"));
        Assert.NotEqual(data, Envelope.Data(PeerRole.A, A, SessionId.NewRandom(), 1, id, "hi"));
        Assert.NotEqual(data, Envelope.Data(PeerRole.A, A, B, 2, id, "hi"));
        Assert.NotEqual(data, Envelope.Data(PeerRole.A, A, B, 1, Guid.NewGuid(), "hi"));
        Assert.NotEqual(data, Envelope.Data(PeerRole.A, A, B, 1, id, "ho"));
        Assert.NotEqual(EnvelopeVectors.Receipt, Envelope.Receipt(PeerRole.B, B, A, 1, 2));
        Assert.False(data.Equals(null));
    }

    [Fact]
    public void ToString_DataEnvelope_ShowsTheHeaderButNeverTheText()
    {
        Envelope data = Envelope.Data(PeerRole.A, A, B, 5, Guid.NewGuid(), "my secret plans");

        string shown = data.ToString();

        Assert.DoesNotContain("secret", shown, StringComparison.Ordinal);
        Assert.Contains("Data", shown, StringComparison.Ordinal);
        Assert.Contains("00010203", shown, StringComparison.Ordinal);
        Assert.Contains("10111213", shown, StringComparison.Ordinal);
        Assert.Contains("#5", shown, StringComparison.Ordinal);
    }
}

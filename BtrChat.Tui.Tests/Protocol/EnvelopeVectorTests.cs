using System.Text.RegularExpressions;
using BtrChat.Protocol;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Protocol;

public partial class EnvelopeVectorTests
{
    public static TheoryData<string, string> Vectors => new()
    {
        { "hello", EnvelopeVectors.HelloHex },
        { "confirm", EnvelopeVectors.ConfirmHex },
        { "data", EnvelopeVectors.DataHex },
        { "receipt", EnvelopeVectors.ReceiptHex },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Encode_FixedInputs_GivesTheFixedBytes(string name, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(EnvelopeCodec.Encode(EnvelopeVectors.Named(name))));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TryDecode_FixedBytes_GivesTheFixedEnvelope(string name, string hex)
    {
        Assert.True(EnvelopeCodec.TryDecode(Convert.FromHexString(hex), out Envelope? envelope, out EnvelopeFailure failure));
        Assert.Equal(EnvelopeFailure.None, failure);
        Assert.Equal(EnvelopeVectors.Named(name), envelope);
    }

    [Fact]
    public void TryDecode_FixedBytes_ReadBackEveryField()
    {
        Envelope hello = Decode(EnvelopeVectors.HelloHex);
        Envelope confirm = Decode(EnvelopeVectors.ConfirmHex);
        Envelope data = Decode(EnvelopeVectors.DataHex);
        Envelope receipt = Decode(EnvelopeVectors.ReceiptHex);

        Assert.Equal((EnvelopeKind.Hello, PeerRole.A, EnvelopeVectors.SessionA, SessionId.Zero, 0UL), Header(hello));
        Assert.Equal(EnvelopeVectors.Share, hello.Payload.ToArray());
        Assert.Equal((EnvelopeKind.Confirm, PeerRole.A, EnvelopeVectors.SessionA, EnvelopeVectors.SessionB, 0UL), Header(confirm));
        Assert.Equal(EnvelopeVectors.Mac, confirm.Payload.ToArray());
        Assert.Equal((EnvelopeKind.Data, PeerRole.A, EnvelopeVectors.SessionA, EnvelopeVectors.SessionB, 1UL), Header(data));
        Assert.Equal(EnvelopeVectors.MessageId, data.MessageId);
        Assert.Equal("hi", data.Text);
        Assert.Equal((EnvelopeKind.Receipt, PeerRole.B, EnvelopeVectors.SessionB, EnvelopeVectors.SessionA, 1UL), Header(receipt));
        Assert.Equal(1UL, receipt.AcknowledgedThrough);
    }

    [Fact]
    public void Cleartext_FixedHello_GivesTheFixedWireBody()
    {
        Assert.Equal(EnvelopeVectors.HelloWireBody, WireBody.Cleartext(EnvelopeVectors.Hello));
    }

    [Fact]
    public void ProtocolDoc_WorkedExample_MatchesTheEncoder()
    {
        string doc = File.ReadAllText(RepoPaths.Combine("docs", "protocol.md"));

        Dictionary<string, string> blocks = HexBlock().Matches(doc).ToDictionary(
            match => match.Groups["name"].Value,
            match => string.Concat(match.Groups["hex"].Value.Where(char.IsAsciiHexDigit)));
        Match wireBody = WireBodyBlock().Match(doc);

        Assert.Equal(["confirm", "data", "hello", "receipt"], blocks.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, Envelope envelope, _) in EnvelopeVectors.All)
        {
            Assert.Equal(Convert.ToHexStringLower(EnvelopeCodec.Encode(envelope)), blocks[name]);
        }

        Assert.True(wireBody.Success, "docs/protocol.md has no ```text wire-body block");
        Assert.Equal(WireBody.Cleartext(EnvelopeVectors.Hello), wireBody.Groups["body"].Value);
    }

    private static Envelope Decode(string hex)
    {
        Assert.True(EnvelopeCodec.TryDecode(Convert.FromHexString(hex), out Envelope? envelope, out _));
        return envelope;
    }

    private static (EnvelopeKind, PeerRole, SessionId, SessionId, ulong) Header(Envelope envelope) =>
        (envelope.Kind, envelope.SenderRole, envelope.Sender, envelope.Recipient, envelope.Sequence);

    [GeneratedRegex(@"^```hex (?<name>\w+)\n(?<hex>[0-9a-f \n]*?)```", RegexOptions.Multiline)]
    private static partial Regex HexBlock();

    [GeneratedRegex(@"^```text wire-body\n(?<body>[^\n]*)\n```", RegexOptions.Multiline)]
    private static partial Regex WireBodyBlock();
}

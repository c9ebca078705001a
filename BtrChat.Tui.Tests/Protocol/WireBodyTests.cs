using BtrChat.Crypto;
using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public class WireBodyTests
{
    private static readonly string HelloBase64 = EnvelopeVectors.HelloWireBody["btr1:".Length..];

    /// <summary>Crafted bodies for every reason <see cref="WireBody.TryDecodeCleartext"/> adds or passes through.</summary>
    public static IReadOnlyList<(string Body, EnvelopeFailure Reason)> FailureCases { get; } =
    [
        ("btr1:" + new string('A', 173), EnvelopeFailure.TooLarge),
        (new string('x', 2 * 1024 * 1024), EnvelopeFailure.TooLarge),
        ("", EnvelopeFailure.NotCleartext),
        ("btr1", EnvelopeFailure.NotCleartext),
        ("BTR1:" + HelloBase64, EnvelopeFailure.NotCleartext),
        (" btr1:" + HelloBase64[..^4], EnvelopeFailure.NotCleartext),
        ("btr2:" + HelloBase64, EnvelopeFailure.NotCleartext),
        ("gAAAAABlU3JhAAAAAAAAAAAAAAAAAAAAAA==", EnvelopeFailure.NotCleartext),
        ("btr1:" + HelloBase64.TrimEnd('='), EnvelopeFailure.BadEncoding),
        ("btr1:" + HelloBase64.Replace('_', '/'), EnvelopeFailure.BadEncoding),
        ("btr1:" + HelloBase64[..^1] + "\n", EnvelopeFailure.BadEncoding),
        ("btr1:" + HelloBase64[..^2] + "B=", EnvelopeFailure.BadEncoding),
        ("btr1:" + HelloBase64[..^4] + "====", EnvelopeFailure.BadEncoding),
        ("btr1: " + HelloBase64[1..], EnvelopeFailure.BadEncoding),
        ("btr1:", EnvelopeFailure.TooShort),
        ("btr1:AAAA", EnvelopeFailure.TooShort),
        ("btr1:" + PaddedBase64Url.Encode(new byte[128]), EnvelopeFailure.UnknownVersion),
        ("btr1:" + PaddedBase64Url.Encode(new byte[96]), EnvelopeFailure.NotABucketSize),
        ("btr1:" + PaddedBase64Url.Encode(EnvelopeCodec.Encode(EnvelopeVectors.Data)), EnvelopeFailure.SealedKindInCleartext),
        ("btr1:" + PaddedBase64Url.Encode(EnvelopeCodec.Encode(EnvelopeVectors.Receipt)), EnvelopeFailure.SealedKindInCleartext),
    ];

    public static TheoryData<string, EnvelopeFailure> FailureRows => new(FailureCases);

    [Theory]
    [InlineData("btr1:AQFB", WireBodyKind.Cleartext)]
    [InlineData("btr1:", WireBodyKind.Cleartext)]
    [InlineData("gAAAAABlU3JhAAAA", WireBodyKind.Token)]
    [InlineData("gAAAAA", WireBodyKind.Token)]
    [InlineData("", WireBodyKind.Unknown)]
    [InlineData("hello", WireBodyKind.Unknown)]
    [InlineData("btr1", WireBodyKind.Unknown)]
    [InlineData("Btr1:AQFB", WireBodyKind.Unknown)]
    [InlineData("gAAAA", WireBodyKind.Unknown)]
    [InlineData(" gAAAAABl", WireBodyKind.Unknown)]
    public void Classify_Body_ByItsPrefix(string body, WireBodyKind kind)
    {
        Assert.Equal(kind, WireBody.Classify(body));
    }

    [Fact]
    public void Classify_RealFernetToken_IsToken()
    {
        using FernetKey key = FernetKey.Generate();

        string token = Fernet.Encrypt(key, EnvelopeCodec.Encode(EnvelopeVectors.Data), DateTimeOffset.UtcNow);

        Assert.Equal(WireBodyKind.Token, WireBody.Classify(token));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("confirm")]
    public void TryDecodeCleartext_BodyFromCleartext_RoundTrips(string name)
    {
        Envelope original = EnvelopeVectors.Named(name);
        string body = WireBody.Cleartext(original);

        Assert.Equal(WireBodyKind.Cleartext, WireBody.Classify(body));
        Assert.True(WireBody.TryDecodeCleartext(body, out Envelope? decoded, out EnvelopeFailure failure));
        Assert.Equal(EnvelopeFailure.None, failure);
        Assert.Equal(original, decoded);
    }

    [Fact]
    public void TryDecodeCleartext_FreshHandshakeFrames_RoundTrip()
    {
        Envelope hello = Envelope.Hello(PeerRole.B, SessionId.NewRandom(), [0x04, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)]);

        Assert.True(WireBody.TryDecodeCleartext(WireBody.Cleartext(hello), out Envelope? decoded, out _));
        Assert.Equal(hello, decoded);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("receipt")]
    public void Cleartext_SealedKind_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => WireBody.Cleartext(EnvelopeVectors.Named(name)));
    }

    [Theory]
    [MemberData(nameof(FailureRows), DisableDiscoveryEnumeration = true)]
    public void TryDecodeCleartext_CraftedBody_FailsWithItsReason(string body, EnvelopeFailure reason)
    {
        bool decoded = WireBody.TryDecodeCleartext(body, out Envelope? envelope, out EnvelopeFailure failure);

        Assert.False(decoded);
        Assert.Null(envelope);
        Assert.Equal(reason, failure);
    }

    [Fact]
    public void MaxCleartextLength_IsThePrefixAndOneBase64Url128ByteFrame()
    {
        Assert.Equal(177, WireBody.MaxCleartextLength);
        Assert.Equal(WireBody.MaxCleartextLength, WireBody.Cleartext(EnvelopeVectors.Hello).Length);
        Assert.Equal(WireBody.MaxCleartextLength, WireBody.Cleartext(EnvelopeVectors.Confirm).Length);
    }

    [Fact]
    public void TryDecodeCleartext_EverySingleCharacterChangeOfTheHello_FailsOrGivesAnotherEnvelope()
    {
        const string Replacements = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ :";
        string body = EnvelopeVectors.HelloWireBody;

        for (int i = 0; i < body.Length; i++)
        {
            foreach (char replacement in Replacements.Where(c => c != body[i]))
            {
                string changed = body[..i] + replacement + body[(i + 1)..];

                if (WireBody.TryDecodeCleartext(changed, out Envelope? decoded, out _))
                {
                    Assert.NotEqual(EnvelopeVectors.Hello, decoded);
                    Assert.Equal(changed, WireBody.Cleartext(decoded));
                }
            }
        }
    }
}

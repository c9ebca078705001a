using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public class EnvelopeWireValueTests
{
    [Fact]
    public void PeerRole_Values_AreTheAsciiLetters()
    {
        Assert.Equal(0x41, (byte)PeerRole.A);
        Assert.Equal(0x42, (byte)PeerRole.B);
        Assert.Equal([PeerRole.A, PeerRole.B], Enum.GetValues<PeerRole>());
    }

    [Fact]
    public void EnvelopeKind_Values_AreOneToFourInTheDocumentedOrder()
    {
        Assert.Equal(
            [(EnvelopeKind.Hello, 1), (EnvelopeKind.Confirm, 2), (EnvelopeKind.Data, 3), (EnvelopeKind.Receipt, 4)],
            Enum.GetValues<EnvelopeKind>().Select(kind => (kind, (int)kind)));
    }

    [Fact]
    public void PayloadSizes_MatchTheHandshakePrimitives()
    {
        Assert.Equal(65, Envelope.ShareSize);
        Assert.Equal(32, Envelope.ConfirmationSize);
        Assert.Equal(16, Envelope.MessageIdSize);
        Assert.Equal(8, Envelope.AcknowledgementSize);
        Assert.Equal(16, SessionId.Size);
    }
}

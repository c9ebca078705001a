using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public sealed class InboundOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Accept_LateArrivalAfterTheGapWasShownMissing_IsShownOnceNamingItsMarker()
    {
        var order = new InboundOrder(TimeSpan.FromSeconds(10), session: 3);
        order.Accept(3, Message("three"), T0);
        var skipped = order.Tick(T0.AddSeconds(10));
        var marker = Assert.Single(skipped.OfType<ChannelOutput.Missing>());

        var late = Assert.Single(order.Accept(2, Message("two"), T0.AddSeconds(11)));
        var again = order.Accept(2, Message("two"), T0.AddSeconds(12));

        Assert.Equal((2UL, new GapId(3, 1)), (marker.Count, marker.Gap));
        Assert.Equal(new LateArrival(new GapId(3, 1), 2), Assert.IsType<ChannelOutput.Message>(late).Fills);
        Assert.Single(again.OfType<ChannelOutput.Consumed>());
        Assert.Empty(again.OfType<ChannelOutput.Message>());
    }

    [Fact]
    public void Accept_MoreHeldThanTheLimit_ShowsTheGapAsMissingAtOnce()
    {
        var order = new InboundOrder(TimeSpan.FromHours(1), maxHeld: 3);
        foreach (var sequence in new ulong[] { 5, 6, 7 })
        {
            Assert.Empty(order.Accept(sequence, Message($"m{sequence}"), T0));
        }

        var overflow = order.Accept(8, Message("m8"), T0);

        Assert.Equal(4UL, Assert.Single(overflow.OfType<ChannelOutput.Missing>()).Count);
        Assert.Equal(["m5", "m6", "m7", "m8"], overflow.OfType<ChannelOutput.Message>().Select(m => m.Text));
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(ulong.MaxValue - 1)]
    [InlineData(InboundOrder.MaxSequence + 1)]
    public void Accept_SequenceAtTheIntegerLimit_IsRejectedAndOrderingCarriesOn(ulong sequence)
    {
        var order = new InboundOrder(TimeSpan.FromSeconds(10));

        var refused = order.Accept(sequence, Message("last"), T0);

        Assert.Equal(RejectReason.ImpossibleSequence, Assert.Single(refused.OfType<ChannelOutput.Rejected>()).Reason);
        Assert.Empty(order.Tick(T0.AddMinutes(1)));
        Assert.Equal(["first"], order.Accept(1, Message("first"), T0).OfType<ChannelOutput.Message>().Select(m => m.Text));
    }

    [Fact]
    public void Accept_JumpBeyondMaxJump_IsRejectedSoLaterMessagesAreNotTakenForReplays()
    {
        var order = new InboundOrder(TimeSpan.FromSeconds(10));
        order.Accept(1, Message("one"), T0);

        var jump = order.Accept(2 + InboundOrder.MaxJump + 1, Message("far"), T0);
        var furthest = order.Accept(2 + InboundOrder.MaxJump, Message("furthest"), T0);
        order.Tick(T0.AddMinutes(1));
        var after = order.Accept(InboundOrder.MaxJump + 3, Message("after the gap"), T0.AddMinutes(1));

        Assert.Equal(RejectReason.ImpossibleSequence, Assert.Single(jump.OfType<ChannelOutput.Rejected>()).Reason);
        Assert.Empty(furthest);
        Assert.Equal(["after the gap"], after.OfType<ChannelOutput.Message>().Select(m => m.Text));
    }

    private static ChannelOutput.Message Message(string text) => new(text, T0, text);
}

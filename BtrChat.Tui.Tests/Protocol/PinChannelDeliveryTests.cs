using BtrChat.Protocol;
using Dispatch = BtrChat.Protocol.Outbox.Dispatch;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// Delivery between two real pin-mode channels wired in memory, Alice sending through an <see cref="Outbox"/> and Bob
/// receiving, on a fake clock: what a resend, a reseal under a new session, a gap and a late arrival look like on
/// each side, and what Bob's receipts acknowledge.
/// </summary>
public sealed class PinChannelDeliveryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly HandshakePolicy Policy = HandshakePolicy.Default;
    private static readonly OutboxPolicy Resends = OutboxPolicy.Default;
    private readonly PinChannel _alice = InMemoryHandshake.Alice(Policy);
    private readonly PinChannel _bob = InMemoryHandshake.Bob(Policy);
    private readonly Outbox _outbox = new(Resends, acknowledged: true);

    public PinChannelDeliveryTests() => InMemoryHandshake.Connect(_alice, _bob, T0);

    [Fact]
    public void Resend_OfTheSameBody_IsShownOnceAndTheCopyIsConsumed()
    {
        _outbox.Add(1, Guid.NewGuid(), "hello");
        var first = Assert.Single(SendReady(_alice, T0));
        var resend = Assert.Single(SendReady(_alice, T0 + Resends.ResendAfter));
        Assert.True(resend.IsResend);
        Assert.Equal(first.Body, resend.Body);

        Assert.Equal(["hello"], Shown(BobOpens(first.Body, "first", T0)));
        var again = BobOpens(resend.Body, "resend", T0 + Resends.ResendAfter);

        Assert.Empty(Shown(again));
        Assert.Equal("resend", Assert.Single(again.OfType<ChannelOutput.Consumed>()).Tag);
        Assert.Equal([1L], ReceiptDelivers(_alice, T0 + Resends.ResendAfter));
    }

    // Alice's side gets a new session (here a new channel; the outbox is kept, as the chat session keeps it across
    // handshakes) before Bob's receipt reached her, so the message is sealed again for Bob, who has already shown it.
    [Fact]
    public void Reseal_UnderANewSessionWithTheSameMessageId_IsConsumedWhileANewMessageIsShown()
    {
        _outbox.Add(1, Guid.NewGuid(), "before the restart");
        var first = Assert.Single(SendReady(_alice, T0));
        Assert.Equal(["before the restart"], Shown(BobOpens(first.Body, "t1", T0)));

        var restart = T0 + TimeSpan.FromSeconds(1);
        using var alice2 = InMemoryHandshake.Alice(Policy);
        var (aliceSaw, _) = InMemoryHandshake.Exchange(alice2, alice2.Start(restart), _bob, [], restart);
        Assert.Single(aliceSaw.OfType<ChannelOutput.SessionStarted>());
        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Pending)], _outbox.SessionReplaced());
        _outbox.Add(2, Guid.NewGuid(), "after the restart");
        var resealed = SendReady(alice2, restart);
        Assert.Equal([1L, 2L], resealed.Select(d => d.LocalId));
        Assert.NotEqual(first.Body, resealed[0].Body);

        var outputs = resealed.SelectMany((d, i) => BobOpens(d.Body, $"r{i + 1}", restart)).ToArray();

        Assert.Equal(["after the restart"], Shown(outputs));
        Assert.Equal("r1", Assert.Single(outputs.OfType<ChannelOutput.Consumed>()).Tag);

        // The consumed copy counts as shown, so one receipt settles both on Alice's side.
        Assert.Equal([1L, 2L], ReceiptDelivers(alice2, restart + Policy.ReceiptInterval));
    }

    [Fact]
    public void Receipt_WhileAnEarlierMessageIsMissing_NeverAcknowledgesPastIt()
    {
        var bodies = Seal("one", "two", "three");
        Assert.Equal(["one"], Shown(BobOpens(bodies[0], "1", T0)));
        Assert.Empty(Shown(BobOpens(bodies[2], "3", T0)));
        var skipped = T0 + Policy.GapTimeout;

        var gapShown = BobTicks(skipped);

        Assert.Single(gapShown.OfType<ChannelOutput.Missing>());
        Assert.Equal(["three"], Shown(gapShown));
        Assert.Equal([1L], Delivers(_alice, gapShown, skipped));
        Assert.Empty(BobTicks(skipped + TimeSpan.FromMinutes(1)).OfType<ChannelOutput.Send>());

        BobOpens(bodies[1], "2", skipped + TimeSpan.FromMinutes(1));

        Assert.Equal([2L, 3L], ReceiptDelivers(_alice, skipped + TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void LateMessage_AfterItsGapWasShownMissing_FillsThatMarkerInPlaceAndIsThenAcknowledged()
    {
        var bodies = Seal("one", "two", "three", "four");
        BobOpens(bodies[0], "1", T0);
        BobOpens(bodies[3], "4", T0);
        var skipped = T0 + Policy.GapTimeout;
        var gapShown = BobTicks(skipped);
        var marker = Assert.Single(gapShown.OfType<ChannelOutput.Missing>());
        Assert.Equal(2UL, marker.Count);
        Assert.Equal(["four"], Shown(gapShown));
        Assert.Equal([1L], Delivers(_alice, gapShown, skipped));

        var three = Assert.Single(BobOpens(bodies[2], "3", skipped + TimeSpan.FromSeconds(1)).OfType<ChannelOutput.Message>());
        Assert.Empty(BobTicks(skipped + TimeSpan.FromSeconds(2)).OfType<ChannelOutput.Send>());
        var two = Assert.Single(BobOpens(bodies[1], "2", skipped + TimeSpan.FromSeconds(3)).OfType<ChannelOutput.Message>());

        Assert.Equal(("three", new LateArrival(marker.Gap, 3)), (three.Text, three.Fills));
        Assert.Equal(("two", new LateArrival(marker.Gap, 2)), (two.Text, two.Fills));
        Assert.Equal([2L, 3L, 4L], ReceiptDelivers(_alice, skipped + TimeSpan.FromSeconds(4)));
        Assert.Empty(BobTicks(skipped + TimeSpan.FromMinutes(5)).OfType<ChannelOutput.Missing>());
    }

    // A receipt can be lost (its send failed and frames are not retried); the sender's resend says so.
    [Fact]
    public void Receipt_LostAndTheMessageResent_IsSentAgainSoTheMessageIsDelivered()
    {
        _outbox.Add(1, Guid.NewGuid(), "hello");
        var first = Assert.Single(SendReady(_alice, T0));
        BobOpens(first.Body, "first", T0);
        Assert.Single(BobTicks(T0 + Policy.ReceiptInterval).OfType<ChannelOutput.Send>());

        var resend = Assert.Single(SendReady(_alice, T0 + Resends.ResendAfter));
        BobOpens(resend.Body, "resend", T0 + Resends.ResendAfter);

        Assert.Equal([1L], ReceiptDelivers(_alice, T0 + Resends.ResendAfter + Policy.ReceiptInterval));
        Assert.Equal(0, _outbox.Undelivered);
    }

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    /// <summary>Bob's front end shows every message at once, as the chat session reports it back.</summary>
    private IReadOnlyList<ChannelOutput> BobOpens(string body, object? tag, DateTimeOffset now) => BobShows(_bob.Open(body, tag, now));

    private IReadOnlyList<ChannelOutput> BobTicks(DateTimeOffset now) => BobShows(_bob.Tick(now));

    private IReadOnlyList<ChannelOutput> BobShows(IReadOnlyList<ChannelOutput> outputs)
    {
        foreach (var message in outputs.OfType<ChannelOutput.Message>())
        {
            _bob.Shown(message.Position!.Value);
        }

        return outputs;
    }

    private static string[] Shown(IEnumerable<ChannelOutput> outputs) => [.. outputs.OfType<ChannelOutput.Message>().Select(m => m.Text)];

    /// <summary>Takes what the outbox has ready, sealed by <paramref name="sender"/>, and reports each as accepted by SQS.</summary>
    private Dispatch[] SendReady(PinChannel sender, DateTimeOffset now)
    {
        var (ready, updates) = _outbox.TakeReady(now, e => sender.Seal(e.Text, now, e.LocalId, e.MessageId) is { } body ? Sealing.Sealed(body) : Sealing.NotYet);
        Assert.Empty(updates);
        foreach (var dispatch in ready)
        {
            _outbox.Accepted(dispatch, now);
        }

        return [.. ready];
    }

    private string[] Seal(params string[] texts) => [.. texts.Select((text, i) => _alice.Seal(text, T0, localId: i + 1)!)];

    /// <summary>Bob's next tick sends one receipt; Alice opens it and the outbox marks what it covers delivered.</summary>
    private long[] ReceiptDelivers(PinChannel sender, DateTimeOffset now) => Delivers(sender, BobTicks(now), now);

    private long[] Delivers(PinChannel sender, IEnumerable<ChannelOutput> bobOutputs, DateTimeOffset now)
    {
        var receipt = Assert.Single(bobOutputs.OfType<ChannelOutput.Send>()).Body;
        var delivered = Assert.Single(sender.Open(receipt, "receipt", now).OfType<ChannelOutput.Delivered>()).LocalIds;
        _outbox.Delivered(delivered, now);
        return [.. delivered];
    }
}

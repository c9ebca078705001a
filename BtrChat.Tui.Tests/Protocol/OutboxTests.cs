using BtrChat.Protocol;
using Dispatch = BtrChat.Protocol.Outbox.Dispatch;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// The outbox's state machine, driven by hand with a fake sealer. Each sealing makes a new body (it numbers them), as
/// a real seal takes a new sequence number, so a resend (the same body) and a reseal (a new one) can be told apart.
/// </summary>
public sealed class OutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly OutboxPolicy Policy = OutboxPolicy.Default;
    private static readonly TimeSpan Tiny = TimeSpan.FromMilliseconds(1);
    private readonly List<OutboxEntry> _sealed = [];
    private int _sealings;

    // Pending → Sent.
    [Fact]
    public void Accepted_FirstSend_MovesPendingToSent()
    {
        var outbox = Typed("one");
        var send = Assert.Single(Take(outbox, T0));

        var updates = outbox.Accepted(send, T0);

        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Sent)], updates);
        Assert.False(send.IsResend);
        Assert.Equal(OwnMessageState.Sent, Assert.Single(outbox.Entries).State);
        Assert.Equal(1, outbox.Undelivered);
    }

    // Pending → Sent, final in legacy mode.
    [Fact]
    public void Accepted_InLegacyMode_EndsAtSentAndIsNeverSentAgain()
    {
        var outbox = new Outbox(Policy, acknowledged: false);
        outbox.Add(1, Guid.NewGuid(), "plain");
        var send = Assert.Single(Take(outbox, T0));

        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Sent)], outbox.Accepted(send, T0));

        Assert.Equal(0, outbox.Undelivered);
        Assert.Empty(Take(outbox, T0 + TimeSpan.FromHours(1)));
        Assert.Null(outbox.NextDue());
    }

    // Pending → Pending: nothing overtakes the refused message, and it goes again with the body it had.
    [Fact]
    public void Refused_Transient_HoldsEverythingUntilRetryAtThenTheSameBodiesGoFirst()
    {
        var outbox = Typed("one", "two");
        var first = Take(outbox, T0);
        var retryAt = T0 + TimeSpan.FromSeconds(5);
        Assert.Empty(outbox.Refused(first[0], "throttled", retryAt));
        Assert.Empty(outbox.Refused(first[1], "throttled", retryAt));
        outbox.Add(3, Guid.NewGuid(), "three");

        Assert.Empty(Take(outbox, retryAt - Tiny));
        Assert.Equal(retryAt, outbox.NextDue());
        var again = Take(outbox, retryAt);

        Assert.Equal([1L, 2L, 3L], again.Select(d => d.LocalId));
        Assert.Equal(first.Select(d => d.Body), again.Take(2).Select(d => d.Body));
        Assert.Equal(["one", "two", "three"], _sealed.Select(e => e.Text));
        Assert.All(outbox.Entries, e => Assert.Equal(OwnMessageState.Pending, e.State));
    }

    // Pending → Failed (SQS refused for good).
    [Fact]
    public void Refused_Final_FailsWithTheReasonAndStaysUndelivered()
    {
        var outbox = Typed("one");
        var send = Assert.Single(Take(outbox, T0));

        var updates = outbox.Refused(send, "access denied", retryAt: null);

        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Failed, "access denied")], updates);
        Assert.Equal(1, outbox.Undelivered);
        Assert.Empty(Take(outbox, T0 + TimeSpan.FromHours(1)));
    }

    // Pending → Failed (it can never be sealed), without holding back what follows.
    [Fact]
    public void TakeReady_SealingRefused_FailsWithTheReasonAndLaterMessagesStillGo()
    {
        var outbox = Typed("huge", "small");

        var (ready, updates) = outbox.TakeReady(T0, e => e.Text == "huge" ? Sealing.Refused("too large for the queue") : Seal(e));

        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Failed, "too large for the queue", Final: true)], updates);
        Assert.Equal([2L], ready.Select(d => d.LocalId));
        Assert.Null(outbox.Entries[0].Body);
        Assert.Equal(OwnMessageState.Failed, outbox.Entries[0].State);
    }

    // A message that cannot be sealed yet must not let a later one take the earlier sequence number.
    [Fact]
    public void TakeReady_FirstCannotBeSealedYet_LaterOnesAreNotSealedBeforeIt()
    {
        var outbox = Typed("one", "two");
        List<long> asked = [];

        var (ready, updates) = outbox.TakeReady(T0, e =>
        {
            asked.Add(e.LocalId);
            return Sealing.NotYet;
        });

        Assert.Empty(ready);
        Assert.Empty(updates);
        Assert.Equal([1L], asked);
        Assert.Equal([1L, 2L], Take(outbox, T0 + TimeSpan.FromSeconds(1)).Select(d => d.LocalId));
        Assert.Equal(["one", "two"], _sealed.Select(e => e.Text));
    }

    // Sent → Sent: a resend.
    [Fact]
    public void TakeReady_UnacknowledgedForResendAfter_ResendsTheSameBodyWithNoVisibleChange()
    {
        var outbox = Typed("one");
        var send = SendAll(outbox, T0).Single();

        Assert.Empty(Take(outbox, T0 + Policy.ResendAfter - Tiny));
        var resend = Assert.Single(Take(outbox, T0 + Policy.ResendAfter));

        Assert.True(resend.IsResend);
        Assert.Equal(send.Body, resend.Body);
        Assert.Single(_sealed);
        Assert.Empty(outbox.Accepted(resend, T0 + Policy.ResendAfter));
        Assert.Equal(OwnMessageState.Sent, Assert.Single(outbox.Entries).State);
    }

    [Fact]
    public void TakeReady_NeverAcknowledged_ResendsAtMostMaxResendsTimesEachAfterTwiceTheWait()
    {
        var outbox = Typed("one");
        SendAll(outbox, T0);
        List<TimeSpan> resentAfter = [];

        for (var now = T0; now <= T0 + TimeSpan.FromMinutes(5); now += TimeSpan.FromMilliseconds(250))
        {
            foreach (var resend in Take(outbox, now))
            {
                resentAfter.Add(now - T0);
                outbox.Accepted(resend, now);
            }
        }

        Assert.Equal(2, Policy.MaxResends);
        Assert.Equal([Policy.ResendAfter, Policy.LastResendAfter], resentAfter);
        Assert.Null(outbox.NextDue());
        Assert.Equal(OwnMessageState.Sent, Assert.Single(outbox.Entries).State);
    }

    // A peer still working through a burst acknowledges progressively: copies would only add to its backlog.
    [Fact]
    public void TakeReady_ReceiptsStillAdvancing_NoResendIsDueUntilResendAfterPassesWithoutProgress()
    {
        var outbox = Typed("one", "two", "three");
        SendAll(outbox, T0);
        var progress = T0 + TimeSpan.FromSeconds(3);

        outbox.Delivered([1], progress);
        Assert.Empty(Take(outbox, T0 + Policy.ResendAfter));
        progress += TimeSpan.FromSeconds(3);
        outbox.Delivered([2], progress);
        Assert.Empty(Take(outbox, progress + Policy.ResendAfter - Tiny));

        Assert.Equal(progress + Policy.ResendAfter, outbox.NextDue());
        Assert.Equal([3L], Take(outbox, progress + Policy.ResendAfter).Select(d => d.LocalId));
    }

    [Fact]
    public void Delivered_AcknowledgingNothingNew_DoesNotPostponeResends()
    {
        var outbox = Typed("one", "two");
        SendAll(outbox, T0);
        outbox.Delivered([1], T0);

        Assert.Empty(outbox.Delivered([1, 99], T0 + TimeSpan.FromSeconds(3)));

        Assert.Equal([2L], Take(outbox, T0 + Policy.ResendAfter).Select(d => d.LocalId));
    }

    // Pending, Sent, Failed → Delivered.
    [Theory]
    [InlineData(OwnMessageState.Pending)]
    [InlineData(OwnMessageState.Sent)]
    [InlineData(OwnMessageState.Failed)]
    public void Delivered_FromAnyOpenState_EndsTheEntryAndALateResultChangesNothing(OwnMessageState before)
    {
        var outbox = Typed("one");
        var send = Assert.Single(Take(outbox, T0));
        if (before == OwnMessageState.Sent)
        {
            outbox.Accepted(send, T0);
        }
        else if (before == OwnMessageState.Failed)
        {
            outbox.Refused(send, "access denied", retryAt: null);
        }

        Assert.Equal(before, Assert.Single(outbox.Entries).State);

        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Delivered)], outbox.Delivered([1], T0 + TimeSpan.FromSeconds(1)));

        Assert.Equal(0, outbox.Undelivered);
        Assert.Empty(outbox.Accepted(send, T0 + TimeSpan.FromSeconds(2)));
        Assert.Empty(Take(outbox, T0 + TimeSpan.FromHours(1)));
        Assert.Empty(outbox.RetryFailed());
    }

    // Sent → Pending: the new session's peer cannot open the old bodies.
    [Fact]
    public void SessionReplaced_SentGoBackToPendingAndTakeReadyResealsAllInTypedOrderWithTheSameMessageIds()
    {
        var outbox = Typed("one", "two", "three");
        var ids = outbox.Entries.Select(e => e.MessageId).ToArray();
        var first = Take(outbox, T0);
        outbox.Accepted(first[0], T0);
        outbox.Accepted(first[1], T0);

        var updates = outbox.SessionReplaced();

        // The third was still in flight: it never showed as sent, so it has no visible change to report.
        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Pending), new OwnMessageUpdate(2, OwnMessageState.Pending)], updates);
        Assert.All(outbox.Entries, e => Assert.Null(e.Body));
        _sealed.Clear();
        var resealed = Take(outbox, T0 + TimeSpan.FromSeconds(1));

        Assert.Equal([1L, 2L, 3L], resealed.Select(d => d.LocalId));
        Assert.Equal(ids, _sealed.Select(e => e.MessageId));
        Assert.All(resealed, d => Assert.False(d.IsResend));
        Assert.Empty(resealed.Select(d => d.Body).Intersect(first.Select(d => d.Body)));
    }

    [Fact]
    public void SessionReplaced_AfterResendsRanOut_TheResealedMessageMayBeResentAgain()
    {
        var outbox = Typed("one");
        SendAll(outbox, T0);
        SendAll(outbox, T0 + Policy.ResendAfter);
        SendAll(outbox, T0 + Policy.LastResendAfter);
        Assert.Null(outbox.NextDue());

        outbox.SessionReplaced();
        var resealedAt = T0 + TimeSpan.FromMinutes(1);
        SendAll(outbox, resealedAt);

        Assert.Equal(resealedAt + Policy.ResendAfter, outbox.NextDue());
    }

    [Fact]
    public void Accepted_OrRefused_ForAnAttemptBeforeTheSessionWasReplaced_IsIgnored()
    {
        var outbox = Typed("one");
        var old = Assert.Single(Take(outbox, T0));
        outbox.SessionReplaced();
        var resealed = Assert.Single(Take(outbox, T0 + TimeSpan.FromSeconds(1)));

        Assert.Empty(outbox.Accepted(old, T0 + TimeSpan.FromSeconds(2)));
        Assert.Empty(outbox.Refused(old, "access denied", retryAt: null));
        Assert.Empty(outbox.Refused(old, "throttled", T0 + TimeSpan.FromMinutes(1)));

        Assert.Equal(OwnMessageState.Pending, Assert.Single(outbox.Entries).State);
        Assert.Null(outbox.NextDue());
        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Sent)], outbox.Accepted(resealed, T0 + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Accepted_ARepeatedResultOfTheFirstSendWhileAResendIsOut_IsIgnored()
    {
        var outbox = Typed("one");
        var send = SendAll(outbox, T0).Single();
        var resend = Assert.Single(Take(outbox, T0 + Policy.ResendAfter));

        Assert.Empty(outbox.Accepted(send, T0 + Policy.ResendAfter));

        // Still in flight: another copy would go out before the resend's own result came back.
        Assert.Empty(Take(outbox, T0 + TimeSpan.FromMinutes(1)));
        outbox.Accepted(resend, T0 + TimeSpan.FromMinutes(1));
        Assert.Equal(T0 + TimeSpan.FromMinutes(1) + Policy.DelayBeforeResend(1), outbox.NextDue());
    }

    // A failed resend is dropped: the message was accepted before, so it stays sent and the next resend follows.
    [Fact]
    public void Refused_FinalForAResend_KeepsTheMessageSentAndTheResendCounted()
    {
        var outbox = Typed("one");
        SendAll(outbox, T0);
        var resend = Assert.Single(Take(outbox, T0 + Policy.ResendAfter));

        Assert.Empty(outbox.Refused(resend, "internal error", retryAt: null));

        Assert.Equal(OwnMessageState.Sent, Assert.Single(outbox.Entries).State);
        Assert.Equal(1, outbox.Entries[0].Resends);
        Assert.Equal(T0 + Policy.DelayBeforeResend(1), outbox.NextDue());
    }

    [Fact]
    public void Refused_TransientForAResend_GoesAgainAfterTheBackoffWithoutUsingUpAResend()
    {
        var outbox = Typed("one");
        var send = SendAll(outbox, T0).Single();
        var resend = Assert.Single(Take(outbox, T0 + Policy.ResendAfter));
        var retryAt = T0 + TimeSpan.FromSeconds(30);

        Assert.Empty(outbox.Refused(resend, "throttled", retryAt));

        Assert.Equal(0, outbox.Entries[0].Resends);
        Assert.Empty(Take(outbox, retryAt - Tiny));
        var again = Assert.Single(Take(outbox, retryAt));
        Assert.True(again.IsResend);
        Assert.Equal(send.Body, again.Body);
        Assert.Equal(1, outbox.Entries[0].Resends);
    }

    // Failed → Pending.
    [Fact]
    public void RetryFailed_FailedGoesBackToPendingAndTheSameBodyGoesAgain()
    {
        var outbox = Typed("one", "two");
        var first = Take(outbox, T0);
        outbox.Refused(first[0], "access denied", retryAt: null);
        outbox.Accepted(first[1], T0);

        var updates = outbox.RetryFailed();

        Assert.Equal([new OwnMessageUpdate(1, OwnMessageState.Pending)], updates);
        var again = Assert.Single(Take(outbox, T0 + TimeSpan.FromSeconds(1)));
        Assert.Equal(first[0].Body, again.Body);
        Assert.Equal(2, _sealed.Count);
    }

    [Fact]
    public void RetryFailed_OrRetryNow_EndsATransientBackoffEarly()
    {
        var outbox = Typed("one");
        var retryAt = T0 + TimeSpan.FromMinutes(1);
        outbox.Refused(Assert.Single(Take(outbox, T0)), "throttled", retryAt);
        Assert.Empty(Take(outbox, T0 + TimeSpan.FromSeconds(1)));

        outbox.RetryNow();
        outbox.Refused(Assert.Single(Take(outbox, T0 + TimeSpan.FromSeconds(1))), "throttled", retryAt);
        outbox.RetryFailed();

        Assert.Single(Take(outbox, T0 + TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void NextDue_IsTheEarlierOfTheBackoffAndEachSentMessagesNextResend()
    {
        var outbox = Typed("one", "two");
        Assert.Null(outbox.NextDue());
        var first = Take(outbox, T0);
        Assert.Null(outbox.NextDue());
        outbox.Accepted(first[0], T0);
        Assert.Equal(T0 + Policy.ResendAfter, outbox.NextDue());

        var retryAt = T0 + TimeSpan.FromSeconds(2);
        outbox.Refused(first[1], "throttled", retryAt);
        Assert.Equal(retryAt, outbox.NextDue());
        outbox.Accepted(Assert.Single(Take(outbox, retryAt)), retryAt);
        Assert.Equal(T0 + Policy.ResendAfter, outbox.NextDue());

        outbox.Delivered([1], T0 + TimeSpan.FromSeconds(3));
        Assert.Equal(T0 + TimeSpan.FromSeconds(3) + Policy.ResendAfter, outbox.NextDue());
        var resentAt = T0 + TimeSpan.FromSeconds(3) + Policy.ResendAfter;
        SendAll(outbox, resentAt);
        Assert.Equal(resentAt + Policy.DelayBeforeResend(1), outbox.NextDue());
    }

    private Outbox Typed(params string[] texts)
    {
        var outbox = new Outbox(Policy, acknowledged: true);
        for (var i = 0; i < texts.Length; i++)
        {
            outbox.Add(i + 1, Guid.NewGuid(), texts[i]);
        }

        return outbox;
    }

    private Sealing Seal(OutboxEntry entry)
    {
        _sealed.Add(entry);
        return Sealing.Sealed($"{entry.Text} sealed #{++_sealings}");
    }

    private Dispatch[] Take(Outbox outbox, DateTimeOffset now)
    {
        var (ready, updates) = outbox.TakeReady(now, Seal);
        Assert.Empty(updates);
        return [.. ready];
    }

    /// <summary>Takes what is ready and reports each as accepted by SQS.</summary>
    private Dispatch[] SendAll(Outbox outbox, DateTimeOffset now)
    {
        var ready = Take(outbox, now);
        foreach (var dispatch in ready)
        {
            outbox.Accepted(dispatch, now);
        }

        return ready;
    }
}

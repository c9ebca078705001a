namespace BtrChat.Protocol;

/// <summary>
/// Our messages from the moment they are typed until the peer acknowledges them: the state machine behind the
/// pending, sent, delivered and failed marks, and the one place that decides what goes out next. Pure: the session
/// seals through a callback, reports each send's result, and turns the returned updates into events.
/// </summary>
/// <remarks>
/// Transitions (anything else is ignored):
/// <list type="table">
/// <item><term>Pending → Sent</term><description>SQS accepted it (legacy mode: the entry ends here).</description></item>
/// <item><term>Pending → Pending</term><description>a transient failure: the same body goes again after the backoff, and nothing typed later overtakes it.</description></item>
/// <item><term>Pending → Failed</term><description>SQS refused it for good, or it can never be sealed (too large for the queue).</description></item>
/// <item><term>Sent → Sent</term><description>a resend: same body, same sequence number, no visible change.</description></item>
/// <item><term>Pending, Sent, Failed → Delivered</term><description>a receipt covers it: the entry ends.</description></item>
/// <item><term>Sent → Pending</term><description>a new session replaced the one it was sealed for: sealed again, with the same message id.</description></item>
/// <item><term>Failed → Pending</term><description>the user asked to retry.</description></item>
/// </list>
/// Not thread-safe: the owner serialises calls.
/// </remarks>
public sealed class Outbox(OutboxPolicy policy, bool acknowledged)
{
    private readonly List<OutboxEntry> _entries = [];
    private readonly Dictionary<long, OutboxEntry> _byLocalId = [];
    private DateTimeOffset _holdUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastProgress = DateTimeOffset.MinValue;

    /// <summary>Messages not yet delivered (in legacy mode: not yet sent), failed ones included.</summary>
    public int Undelivered => _entries.Count;

    public IReadOnlyList<OutboxEntry> Entries => _entries;

    public OutboxEntry Add(long localId, Guid messageId, string text)
    {
        var entry = new OutboxEntry(localId, messageId, text);
        _entries.Add(entry);
        _byLocalId.Add(localId, entry);
        return entry;
    }

    /// <summary>
    /// What may go out now, in the order typed: pending messages, sealed through <paramref name="seal"/> if they are
    /// not yet (the first that cannot be sealed holds back the rest), then resends that are due. Nothing while a
    /// transient failure's backoff runs.
    /// </summary>
    public (IReadOnlyList<Dispatch> Ready, IReadOnlyList<OwnMessageUpdate> Updates) TakeReady(DateTimeOffset now, Func<OutboxEntry, Sealing> seal)
    {
        List<Dispatch> ready = [];
        List<OwnMessageUpdate> updates = [];
        if (now < _holdUntil)
        {
            return (ready, updates);
        }

        // The backoff is over: forget it, or NextDue would report it (a time already past) from now on.
        _holdUntil = DateTimeOffset.MinValue;

        foreach (var entry in _entries.Where(e => e.State == OwnMessageState.Pending && !e.InFlight).ToArray())
        {
            if (entry.Body is null)
            {
                var sealing = seal(entry);
                if (sealing.Refusal is { } refusal)
                {
                    entry.State = OwnMessageState.Failed;
                    updates.Add(new(entry.LocalId, OwnMessageState.Failed, refusal, Final: true));
                    continue;
                }

                if (sealing.Body is null)
                {
                    break;
                }

                entry.Body = sealing.Body;
            }

            ready.Add(HandOut(entry));
        }

        if (acknowledged)
        {
            foreach (var entry in _entries.Where(e => e.State == OwnMessageState.Sent && !e.InFlight && ResendDue(e, now)))
            {
                entry.Resends++;
                ready.Add(HandOut(entry));
            }
        }

        return (ready, updates);
    }

    /// <summary>The earliest time something not ready now becomes ready by itself (a backoff ends, a resend falls due).</summary>
    public DateTimeOffset? NextDue()
    {
        DateTimeOffset? next = _holdUntil > DateTimeOffset.MinValue ? _holdUntil : null;
        if (!acknowledged)
        {
            return next;
        }

        foreach (var entry in _entries.Where(e => e.State == OwnMessageState.Sent && !e.InFlight && e.Resends < policy.MaxResends))
        {
            var due = ResendBase(entry) + policy.DelayBeforeResend(entry.Resends);
            next = next is { } earlier && earlier <= due ? earlier : due;
        }

        return next;
    }

    public IReadOnlyList<OwnMessageUpdate> Accepted(Dispatch dispatch, DateTimeOffset now)
    {
        if (Current(dispatch) is not { } entry)
        {
            return [];
        }

        entry.AcceptedAt = now;
        if (entry.State != OwnMessageState.Pending)
        {
            return [];
        }

        if (!acknowledged)
        {
            Remove(entry);
        }

        entry.State = OwnMessageState.Sent;
        return [new(entry.LocalId, OwnMessageState.Sent)];
    }

    /// <summary>
    /// SQS did not take it. With <paramref name="retryAt"/> the failure is transient: the same body goes again then,
    /// and nothing goes out before it. Without, it is final for a first send; a failed resend is simply dropped.
    /// </summary>
    public IReadOnlyList<OwnMessageUpdate> Refused(Dispatch dispatch, string reason, DateTimeOffset? retryAt)
    {
        if (Current(dispatch) is not { } entry)
        {
            return [];
        }

        if (retryAt is { } retry)
        {
            _holdUntil = retry > _holdUntil ? retry : _holdUntil;
            if (entry.State == OwnMessageState.Sent)
            {
                entry.Resends--;
            }

            return [];
        }

        if (entry.State != OwnMessageState.Pending)
        {
            return [];
        }

        entry.State = OwnMessageState.Failed;
        return [new(entry.LocalId, OwnMessageState.Failed, reason)];
    }

    /// <summary>The peer's receipt covers these; a receipt that acknowledges anything also restarts the resend timers.</summary>
    public IReadOnlyList<OwnMessageUpdate> Delivered(IEnumerable<long> localIds, DateTimeOffset now)
    {
        List<OwnMessageUpdate> updates = [];
        foreach (var id in localIds)
        {
            if (_byLocalId.TryGetValue(id, out var entry))
            {
                Remove(entry);
                entry.State = OwnMessageState.Delivered;
                updates.Add(new(id, OwnMessageState.Delivered));
            }
        }

        if (updates.Count > 0)
        {
            _lastProgress = now;
        }

        return updates;
    }

    /// <summary>
    /// A new session replaced the one our bodies were sealed for: the peer can no longer open them, so every message
    /// it has not acknowledged is sealed again, in order, and results still out for the old bodies no longer count.
    /// </summary>
    public IReadOnlyList<OwnMessageUpdate> SessionReplaced()
    {
        List<OwnMessageUpdate> updates = [];
        foreach (var entry in _entries)
        {
            entry.Body = null;
            entry.Attempt++;
            entry.InFlight = false;
            entry.Resends = 0;
            if (entry.State == OwnMessageState.Sent)
            {
                entry.State = OwnMessageState.Pending;
                updates.Add(new(entry.LocalId, OwnMessageState.Pending));
            }
        }

        return updates;
    }

    /// <summary>The user asked to try the failed messages again (the same body, if the session has not changed since).</summary>
    public IReadOnlyList<OwnMessageUpdate> RetryFailed()
    {
        _holdUntil = DateTimeOffset.MinValue;
        List<OwnMessageUpdate> updates = [];
        foreach (var entry in _entries.Where(e => e.State == OwnMessageState.Failed))
        {
            entry.State = OwnMessageState.Pending;
            updates.Add(new(entry.LocalId, OwnMessageState.Pending));
        }

        return updates;
    }

    /// <summary>The connection is back: a transient failure's backoff need not run out first.</summary>
    public void RetryNow() => _holdUntil = DateTimeOffset.MinValue;

    private Dispatch HandOut(OutboxEntry entry)
    {
        entry.Attempt++;
        entry.InFlight = true;
        return new Dispatch(entry.LocalId, entry.Attempt, entry.Body!, entry.State == OwnMessageState.Sent);
    }

    private OutboxEntry? Current(Dispatch dispatch)
    {
        if (!_byLocalId.TryGetValue(dispatch.LocalId, out var entry) || entry.Attempt != dispatch.Attempt)
        {
            return null;
        }

        entry.InFlight = false;
        return entry;
    }

    private bool ResendDue(OutboxEntry entry, DateTimeOffset now) =>
        entry.Resends < policy.MaxResends && now >= ResendBase(entry) + policy.DelayBeforeResend(entry.Resends);

    private DateTimeOffset ResendBase(OutboxEntry entry) => entry.AcceptedAt > _lastProgress ? entry.AcceptedAt : _lastProgress;

    private void Remove(OutboxEntry entry)
    {
        _entries.Remove(entry);
        _byLocalId.Remove(entry.LocalId);
    }

    /// <summary>One body handed out to send, and which attempt its result answers.</summary>
    public readonly record struct Dispatch(long LocalId, int Attempt, string Body, bool IsResend);
}

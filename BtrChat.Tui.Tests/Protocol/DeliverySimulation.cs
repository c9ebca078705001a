using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// Alice (an <see cref="Outbox"/> and a <see cref="PinChannel"/>, wired as the chat session wires them) sends to Bob (a
/// <see cref="PinChannel"/>) over an unreliable network in both directions, on a simulated clock that advances in
/// steps, with both channels ticked at each step. Everything the network does comes from a
/// <see cref="DeliverySchedule"/>; the handshake runs before the schedule starts, over a reliable link, since what is
/// under test is the data path.
/// </summary>
/// <remarks>
/// The network's loss is limited, and only as far as delivery needs: a message's copies may all be lost only until
/// Alice has sent her last one (the first send and <see cref="OutboxPolicy.MaxResends"/> resends) with none still
/// in flight; then one lost copy is delivered after all, late. Likewise Bob's receipts: once Alice will send no more
/// copies of a message that Bob has shown, and no receipt covering it is in flight, one lost receipt covering it is
/// delivered late. That is "at least one copy of each message, and eventually a receipt, gets through".
/// </remarks>
internal sealed class DeliverySimulation : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Far beyond any schedule's need (typing ends within a minute, a copy's delay within 30 s): reaching it means the run never settled.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public static readonly HandshakePolicy Policy = HandshakePolicy.Default;

    public static readonly OutboxPolicy Resends = OutboxPolicy.Default;

    private readonly DeliverySchedule _schedule;
    private readonly PinChannel _alice = InMemoryHandshake.Alice(Policy);
    private readonly PinChannel _bob = InMemoryHandshake.Bob(Policy);
    private readonly UnreliableLink _toBob;
    private readonly UnreliableLink _toAlice;
    private readonly HashSet<long> _shown = [];
    private readonly List<string> _trace = [];
    private DateTimeOffset _now = T0;
    private long _shownThrough;

    private DeliverySimulation(DeliverySchedule schedule)
    {
        _schedule = schedule;
        _toBob = new UnreliableLink(schedule.DataFates);
        _toAlice = new UnreliableLink(schedule.ReceiptFates);
    }

    public Outbox Outbox { get; } = new(Resends, acknowledged: true);

    /// <summary>What Bob showed, in order: his messages and missing markers.</summary>
    public List<ChannelOutput> Transcript { get; } = [];

    /// <summary>Every change of Alice's own messages the user would see, in order.</summary>
    public List<OwnMessageUpdate> Updates { get; } = [];

    /// <summary>Anything that should never happen on this path (a rejected body, a new session).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Everything was typed, delivered and acknowledged, and the network is empty, before <see cref="Limit"/>.</summary>
    public bool Settled { get; private set; }

    public int ResendsSent { get; private set; }

    public int Refusals { get; private set; }

    public int Duplicated => _toBob.Duplicated + _toAlice.Duplicated;

    public int GivenBack => _toBob.GivenBack + _toAlice.GivenBack;

    public string Trace => string.Join(Environment.NewLine, _trace);

    public static string Text(long localId) => $"m{localId}";

    public static DeliverySimulation Run(DeliverySchedule schedule)
    {
        var simulation = new DeliverySimulation(schedule);
        InMemoryHandshake.Connect(simulation._alice, simulation._bob, T0);
        simulation.Loop();
        return simulation;
    }

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    private void Loop()
    {
        var typedAt = new DateTimeOffset[_schedule.Messages];
        var at = T0;
        for (var i = 0; i < typedAt.Length; i++)
        {
            typedAt[i] = at = at.AddMilliseconds(_schedule.TypedAfterMs[i]);
        }

        var step = TimeSpan.FromMilliseconds(_schedule.StepMs);
        var typed = 0;
        for (; _now - T0 <= Limit; _now += step)
        {
            for (; typed < typedAt.Length && typedAt[typed] <= _now; typed++)
            {
                Outbox.Add(typed + 1, Guid.NewGuid(), Text(typed + 1));
                Log($"typed {Text(typed + 1)}");
            }

            foreach (var copy in _toBob.TakeDue(_now))
            {
                BobHandles(_bob.Open(copy.Body, copy.Key, _now), $"data {copy.Key}");
            }

            foreach (var copy in _toAlice.TakeDue(_now))
            {
                AliceHandles(_alice.Open(copy.Body, copy.Key, _now));
            }

            BobHandles(_bob.Tick(_now), "tick");
            AliceHandles(_alice.Tick(_now));
            Dispatch();
            KeepLossWithinTheLimit();
            if (typed == typedAt.Length && Outbox.Undelivered == 0 && _toBob.Idle && _toAlice.Idle)
            {
                Settled = true;
                break;
            }
        }

        // A gap still open would be shown as missing once its timeout ran out.
        BobHandles(_bob.Tick(_now + Policy.GapTimeout), "tick");
    }

    private void Dispatch()
    {
        var now = _now;
        var (ready, updates) = Outbox.TakeReady(now, e => _alice.Seal(e.Text, now, e.LocalId, e.MessageId) is { } body ? Sealing.Sealed(body) : Sealing.NotYet);
        Record(updates);
        foreach (var dispatch in ready)
        {
            var fate = _toBob.NextFate();
            var what = $"{(dispatch.IsResend ? "resent" : "sent")} {Text(dispatch.LocalId)}";
            if (fate.Refused)
            {
                Refusals++;
                Log($"{what}: {fate}");
                Record(Outbox.Refused(dispatch, "throttled", now.AddMilliseconds(fate.RefusedForMs)));
                continue;
            }

            ResendsSent += dispatch.IsResend ? 1 : 0;
            Log($"{what}: {fate}");
            Record(Outbox.Accepted(dispatch, now));
            _toBob.Carry(dispatch.Body, dispatch.LocalId, fate, now);
        }
    }

    /// <summary>See the remarks: gives back a lost copy or receipt when, without it, nothing more could get through.</summary>
    private void KeepLossWithinTheLimit()
    {
        foreach (var entry in Outbox.Entries)
        {
            var lastCopySent = entry.State == OwnMessageState.Sent && !entry.InFlight && entry.Resends >= Resends.MaxResends;
            if (!lastCopySent || _toBob.Carries(key => key == entry.LocalId))
            {
                continue;
            }

            if (!_shown.Contains(entry.LocalId))
            {
                if (_toBob.GiveBack(key => key == entry.LocalId, _now))
                {
                    Log($"network gives back a lost copy of {Text(entry.LocalId)}");
                }
            }
            else if (_shownThrough >= entry.LocalId && !_toAlice.Carries(through => through >= entry.LocalId)
                && _toAlice.GiveBack(through => through >= entry.LocalId, _now))
            {
                Log($"network gives back a lost receipt covering {Text(entry.LocalId)}");
            }
        }
    }

    private void BobHandles(IReadOnlyList<ChannelOutput> outputs, string cause)
    {
        foreach (var output in outputs)
        {
            switch (output)
            {
                case ChannelOutput.Message message:
                    Transcript.Add(message);
                    _bob.Shown(message.Position!.Value);
                    var id = long.Parse(message.Text.AsSpan(1), provider: null);
                    _shown.Add(id);
                    while (_shown.Contains(_shownThrough + 1))
                    {
                        _shownThrough++;
                    }

                    Log(message.Fills is { } fills ? $"Bob shows {message.Text} late, in the marker at {fills.Gap.First}" : $"Bob shows {message.Text}");
                    break;
                case ChannelOutput.Missing missing:
                    Transcript.Add(missing);
                    Log($"Bob shows {missing.Count} missing from {missing.Gap.First}");
                    break;
                case ChannelOutput.Send send:
                    // Bob sends nothing but receipts once the session is up; they cover what he has shown without a gap.
                    var fate = _toAlice.NextFate();
                    Log($"Bob sends a receipt, all through {Text(_shownThrough)} shown: {fate}");
                    _toAlice.Carry(send.Body, _shownThrough, fate, _now);
                    break;
                case ChannelOutput.Rejected rejected:
                    Problem($"Bob rejected a body ({cause}): {rejected.Reason}");
                    break;
                case ChannelOutput.SessionStarted:
                    Problem("Bob started a new session");
                    break;
            }
        }
    }

    private void AliceHandles(IReadOnlyList<ChannelOutput> outputs)
    {
        foreach (var output in outputs)
        {
            switch (output)
            {
                case ChannelOutput.Delivered delivered:
                    Log($"Alice gets a receipt for {string.Join(", ", delivered.LocalIds.Select(Text))}");
                    Record(Outbox.Delivered(delivered.LocalIds, _now));
                    break;
                case ChannelOutput.Send:
                    Problem("Alice sent a frame outside the outbox");
                    break;
                case ChannelOutput.Rejected rejected:
                    Problem($"Alice rejected a body: {rejected.Reason}");
                    break;
                case ChannelOutput.SessionStarted:
                    Problem("Alice started a new session");
                    break;
            }
        }
    }

    private void Record(IReadOnlyList<OwnMessageUpdate> updates)
    {
        foreach (var update in updates)
        {
            Updates.Add(update);
            Log($"Alice marks {Text(update.LocalId)} {update.State}{(update.Reason is { } reason ? $" ({reason})" : "")}");
        }
    }

    private void Problem(string text)
    {
        Problems.Add(text);
        Log("PROBLEM: " + text);
    }

    private void Log(string text) => _trace.Add($"+{DeliverySchedule.Seconds((_now - T0).TotalMilliseconds)} {text}");
}

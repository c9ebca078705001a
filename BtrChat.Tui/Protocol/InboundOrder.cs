namespace BtrChat.Protocol;

/// <summary>
/// Shows one direction's data messages in sequence order, each once. A message ahead of a gap is held while the
/// gap may still fill (unordered queues reorder; at-least-once queues duplicate; the sender resends what we have not
/// acknowledged); after <c>gapTimeout</c> the gap is shown as missing and the held messages follow. A missing one
/// that still arrives is shown then, naming the marker it fills. Anything else at or below the shown sequence is a
/// duplicate or a replay and is consumed without showing. Pure; not thread-safe.
/// </summary>
public sealed class InboundOrder(TimeSpan gapTimeout, int session = 0, int maxHeld = 1024)
{
    /// <summary>Far beyond any real conversation; refusing more keeps the counter from ever wrapping.</summary>
    public const ulong MaxSequence = long.MaxValue;

    /// <summary>
    /// The furthest a sequence number may run ahead of the next one expected. A sender numbers its messages one by one
    /// and a queue loses none while both sides run, so no honest gap comes near; a larger jump, once shown, would make
    /// every later honest message look like a replay and be dropped.
    /// </summary>
    public const ulong MaxJump = 1_000_000;

    /// <summary>Missing sequence numbers remembered for a late arrival; older ones are forgotten first.</summary>
    private const int MaxRememberedMissing = 4096;

    private readonly SortedDictionary<ulong, ChannelOutput.Message> _held = [];
    private readonly SortedDictionary<ulong, GapId> _missing = [];
    private ulong _next = 1;
    private DateTimeOffset _gapSince;

    public IReadOnlyList<ChannelOutput> Accept(ulong sequence, ChannelOutput.Message message, DateTimeOffset now)
    {
        if (sequence > MaxSequence || (sequence > _next && sequence - _next > MaxJump))
        {
            return [new ChannelOutput.Rejected(RejectReason.ImpossibleSequence, message.Tag), new ChannelOutput.Log($"message with impossible sequence {sequence} refused")];
        }

        if (sequence < _next && _missing.Remove(sequence, out var gap))
        {
            return [message with { Fills = new LateArrival(gap, sequence) }];
        }

        if (sequence < _next || _held.ContainsKey(sequence))
        {
            return [new ChannelOutput.Consumed(message.Tag), new ChannelOutput.Log($"duplicate or replayed message {sequence} dropped")];
        }

        if (sequence > _next)
        {
            if (_held.Count == 0)
            {
                _gapSince = now;
            }

            _held[sequence] = message;
            return _held.Count > maxHeld ? SkipGap() : [];
        }

        var shown = new List<ChannelOutput> { message };
        _next++;
        Drain(shown);
        if (_held.Count > 0)
        {
            _gapSince = now;
        }

        return shown;
    }

    /// <summary>
    /// The session is being replaced: whatever is still held is shown now, after a marker for the gap before
    /// it, rather than dropped with the session (its queue messages would otherwise never be settled).
    /// </summary>
    public IReadOnlyList<ChannelOutput> Flush() => _held.Count > 0 ? SkipGap() : [];

    public IReadOnlyList<ChannelOutput> Tick(DateTimeOffset now) =>
        _held.Count > 0 && now - _gapSince >= gapTimeout ? SkipGap(now) : [];

    private List<ChannelOutput> SkipGap(DateTimeOffset? now = null)
    {
        var first = _held.Keys.First();
        var gap = new GapId(session, _next);
        for (var sequence = Math.Max(_next, first - Math.Min(first, MaxRememberedMissing)); sequence < first; sequence++)
        {
            _missing[sequence] = gap;
        }

        while (_missing.Count > MaxRememberedMissing)
        {
            _missing.Remove(_missing.Keys.First());
        }

        var shown = new List<ChannelOutput> { new ChannelOutput.Missing(first - _next, gap) };
        _next = first;
        Drain(shown);
        if (now is { } restart)
        {
            _gapSince = restart;
        }

        return shown;
    }

    private void Drain(List<ChannelOutput> shown)
    {
        while (_held.Remove(_next, out var next))
        {
            shown.Add(next);
            _next++;
        }
    }
}

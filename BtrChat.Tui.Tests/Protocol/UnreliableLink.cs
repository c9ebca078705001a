namespace BtrChat.Tests.Protocol;

/// <summary>
/// One direction of the simulated network. Each body is carried under a key the simulation reasons with (the message
/// a data body carries, or how far a receipt acknowledges) and meets the next fate of its link: its copies arrive in
/// the order of their due times, so different delays reorder and several copies duplicate. A lost body is kept aside
/// rather than forgotten, so that <see cref="GiveBack"/> can still deliver it, late, when the run's loss limit says
/// that it must get through.
/// </summary>
internal sealed class UnreliableLink(IReadOnlyList<DeliverySchedule.Fate> fates)
{
    private readonly List<Copy> _inFlight = [];
    private readonly List<(string Body, long Key)> _lost = [];
    private int _fatesUsed;
    private long _carried;

    public bool Idle => _inFlight.Count == 0;

    public int Duplicated { get; private set; }

    public int GivenBack { get; private set; }

    /// <summary>The fate of the next body sent on this link: the schedule's, then once and at once.</summary>
    public DeliverySchedule.Fate NextFate() => _fatesUsed < fates.Count ? fates[_fatesUsed++] : DeliverySchedule.Fate.Once;

    public void Carry(string body, long key, DeliverySchedule.Fate fate, DateTimeOffset now)
    {
        if (fate.Refused || fate.CopyDelaysMs.Length == 0)
        {
            _lost.Add((body, key));
            return;
        }

        Duplicated += fate.CopyDelaysMs.Length - 1;
        foreach (var delay in fate.CopyDelaysMs)
        {
            _inFlight.Add(new Copy(now.AddMilliseconds(delay), _carried++, body, key));
        }
    }

    /// <summary>The copies due by <paramref name="now"/>, earliest first (in the order sent when due together).</summary>
    public List<Copy> TakeDue(DateTimeOffset now)
    {
        var due = _inFlight.Where(c => c.Due <= now).OrderBy(c => c.Due).ThenBy(c => c.Order).ToList();
        _inFlight.RemoveAll(c => c.Due <= now);
        return due;
    }

    public bool Carries(Func<long, bool> key) => _inFlight.Exists(c => key(c.Key));

    /// <summary>Delivers the most recently lost body whose key matches, now; false if there is none.</summary>
    public bool GiveBack(Func<long, bool> key, DateTimeOffset now)
    {
        var last = _lost.FindLastIndex(l => key(l.Key));
        if (last < 0)
        {
            return false;
        }

        var (body, lostKey) = _lost[last];
        _lost.RemoveAt(last);
        _inFlight.Add(new Copy(now, _carried++, body, lostKey));
        GivenBack++;
        return true;
    }

    public sealed record Copy(DateTimeOffset Due, long Order, string Body, long Key);
}

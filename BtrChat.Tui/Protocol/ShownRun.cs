namespace BtrChat.Protocol;

/// <summary>
/// Which of one session's data sequence numbers the front end has really shown, and the unbroken run of them from 1:
/// what a receipt may acknowledge. A message handed to the front end is not yet shown (the process can die first),
/// and one shown as missing never is, so the run stops before it until a late arrival fills it. Pure; not thread-safe.
/// </summary>
public sealed class ShownRun
{
    private readonly SortedSet<ulong> _beyond = [];

    /// <summary>Every sequence number up to this one was shown.</summary>
    public ulong Through { get; private set; }

    public void Add(ulong sequence)
    {
        if (sequence <= Through)
        {
            return;
        }

        _beyond.Add(sequence);
        while (_beyond.Remove(Through + 1))
        {
            Through++;
        }
    }
}

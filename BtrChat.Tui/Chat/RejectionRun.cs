using System.Diagnostics.CodeAnalysis;
using BtrChat.Protocol;

namespace BtrChat.Chat;

/// <summary>
/// Which history row a rejection notice counts on. Rejections since the last line that was not one share one row per
/// reason, so a flood of junk of any mix of kinds takes a row per reason however many messages it has, and the counts
/// stay at the bottom, where the user looks. Anything else shown ends the run, so the history still says where junk
/// came between real messages. Pure: the front end owns the rows and their counts.
/// </summary>
public sealed class RejectionRun<TRow>
    where TRow : class
{
    private readonly Dictionary<RejectReason, TRow> _rows = [];

    /// <summary>The row that already counts <paramref name="reason"/> in this run, if there is one.</summary>
    public bool TryFind(RejectReason reason, [NotNullWhen(true)] out TRow? row) => _rows.TryGetValue(reason, out row);

    /// <summary>A new row for <paramref name="reason"/> was shown: the run's later rejections for it count there.</summary>
    public void Started(RejectReason reason, TRow row) => _rows[reason] = row;

    /// <summary>Something other than a rejection was shown: the next rejection starts a new row.</summary>
    public void End() => _rows.Clear();

    /// <summary>A row left the history: a run that counted on it is over.</summary>
    public void Forget(TRow row)
    {
        if (_rows.ContainsValue(row))
        {
            End();
        }
    }
}

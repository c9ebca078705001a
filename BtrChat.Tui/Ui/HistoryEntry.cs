using BtrChat.Chat;

namespace BtrChat.Ui;

/// <summary>
/// One thing said in the history: what it is, when, its text and its changing state. Rows are derived from
/// entries, so a resize or a view toggle lays everything out again, and a mark or a late arrival changes the
/// entry, not a row index.
/// </summary>
public sealed class HistoryEntry(HistoryEntry.Kinds kind, string text, DateTimeOffset at)
{
    public enum Kinds
    {
        Own,
        Peer,
        Notice,
        Missing,
    }

    public Kinds Kind { get; } = kind;

    public string Text { get; } = text;

    public DateTimeOffset At { get; } = at;

    /// <summary>An own message's state mark (<see cref="HistoryPane.OwnMark"/>).</summary>
    public char Mark { get; set; } = HistoryPane.OwnMark.Pending;

    /// <summary>How many times a notice was said in a row.</summary>
    public int Times { get; set; } = 1;

    /// <summary>A "missing" marker's messages still to come.</summary>
    public ulong Remaining { get; set; }

    /// <summary>Late messages placed before a "missing" marker, by sequence number.</summary>
    public List<(ulong Sequence, HistoryEntry Entry)> Filled { get; } = [];

    /// <summary>The first row, counted from the first row ever laid out since the last full layout.</summary>
    public long FirstRow { get; set; }

    public int RowCount { get; set; }

    /// <summary>The text as shown: a repeated notice with its count, a marker with what is still missing.</summary>
    public string Shown => Kind switch
    {
        Kinds.Notice when Times > 1 => Notices.Repeated(Text, Times),
        Kinds.Missing => Notices.Missing(Remaining),
        _ => Text,
    };
}

using System.Globalization;
using Terminal.Gui.Text;

namespace BtrChat.Ui;

/// <summary>
/// How entries read: with or without the time, and normal or compact. Compact uses one-character tags
/// (<c>&gt;</c> you, <c>&lt;</c> peer, <c>*</c> notice) and a two-column hanging indent, so more text fits a narrow
/// terminal; the own-message mark stays the character before the tag in both.
/// </summary>
public readonly record struct HistoryStyle(bool Timestamps, bool Compact)
{
    public static readonly HistoryStyle Default = new(Timestamps: true, Compact: false);

    public const string UnreadLine = "--- new messages ---";

    private const string TimeFormat = "HH:mm";
    private const int CompactIndent = 2;

    public string Head(HistoryEntry entry)
    {
        var time = Timestamps ? entry.At.ToLocalTime().ToString(TimeFormat, CultureInfo.InvariantCulture) + " " : string.Empty;
        return (entry.Kind, Compact) switch
        {
            (HistoryEntry.Kinds.Own, false) => $"{time}{entry.Mark}<you> ",
            (HistoryEntry.Kinds.Peer, false) => $"{time} <peer> ",
            (_, false) => $"{time}-!- ",
            (HistoryEntry.Kinds.Own, true) => $"{time}{entry.Mark}> ",
            (HistoryEntry.Kinds.Peer, true) => $"{time} < ",
            (_, true) => $"{time} * ",
        };
    }

    /// <summary>Columns before a continuation row: under the text in normal mode, two in compact mode.</summary>
    public int Indent(string head) => Compact ? CompactIndent : head.GetColumns();

    public string DaySeparator(DateTime localDay) =>
        $"--- {localDay.ToString(Compact ? "ddd d MMM yyyy" : "dddd d MMMM yyyy", CultureInfo.InvariantCulture)} ---";
}

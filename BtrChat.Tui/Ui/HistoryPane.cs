using BtrChat.Chat;
using BtrChat.Protocol;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The conversation: one row per wrapped line, newest at the bottom. Own messages keep their row so their state
/// mark changes in place; "missing" markers keep theirs so late arrivals can fill them; a notice repeated at once
/// is counted on its row.
/// </summary>
public sealed class HistoryPane : ListView
{
    private const string TimeFormat = "HH:mm";
    private const string OwnTag = "<you>";
    private const string PeerTag = "<peer>";
    private const string NoticeTag = "-!-";

    /// <summary>Rows appended before the first layout wrap as if in an 80-column terminal's history box.</summary>
    private const int UnlaidWidth = 78;

    private readonly SecurityMode _mode;

    /// <summary>Own messages whose state can still change: local id → index of their first history row.</summary>
    private readonly Dictionary<long, int> _ownRows = [];
    private readonly Dictionary<GapId, MissingMarker> _gaps = [];
    private RepeatableNotice? _lastNotice;

    public HistoryPane(SecurityMode mode)
    {
        _mode = mode;
        History = new HistorySource();
        Source = History;
        Title = "History";
        BorderStyle = LineStyle.Single;
        CanFocus = false;
    }

    public HistorySource History { get; }

    public void AppendOwn(long localId, string text, DateTimeOffset at)
    {
        _ownRows[localId] = History.Count;
        AppendRows($"{Stamp(at)} {OwnMark.Pending}{OwnTag} ", text);
    }

    /// <summary>A peer's message; a late one goes where its gap was shown as missing, in sequence order, and the marker counts down.</summary>
    public void AppendPeer(string text, DateTimeOffset sentAt, LateArrival? fills = null)
    {
        var head = $"{Stamp(sentAt)}  {PeerTag} ";
        if (fills is { } late && _gaps.TryGetValue(late.Gap, out var marker))
        {
            FillGap(late, marker, [.. HistoryRows.Layout(head, text, LayoutWidth())]);
            return;
        }

        AppendRows(head, text);
    }

    /// <summary>A notice; the same one again right after itself is counted on its row ("(x3)") instead of repeated.</summary>
    public void AppendNotice(string text, DateTimeOffset at)
    {
        var head = $"{Stamp(at)} {NoticeTag} ";
        var times = 1;
        if (_lastNotice is { } last && last.Text == text && last.Row + last.RowCount == History.Count)
        {
            times = last.Times + 1;
            History.RemoveRange(last.Row, last.RowCount);
        }

        var row = History.Count;
        AppendRows(head, times == 1 ? text : Notices.Repeated(text, times));
        _lastNotice = new RepeatableNotice(text, row, History.Count - row, times);
    }

    /// <summary>A marker for messages that have not arrived; late arrivals are placed before it and count it down.</summary>
    public void AppendMissing(ulong count, GapId gap, DateTimeOffset at)
    {
        var head = $"{Stamp(at)} {NoticeTag} ";
        var row = History.Count;
        AppendRows(head, Notices.Missing(count));
        _gaps[gap] = new MissingMarker(head) { Row = row, RowCount = History.Count - row, Remaining = count };
    }

    public void MarkPending(long localId) => SetOwnMark(localId, OwnMark.Pending, final: false);

    /// <summary>Accepted by SQS. Legacy mode has no receipts, so there it is the last state.</summary>
    public void MarkSent(long localId) => SetOwnMark(localId, OwnMark.Sent, final: _mode.IsInsecure());

    public void MarkDelivered(long localId) => SetOwnMark(localId, OwnMark.Delivered, final: true);

    /// <summary>Failed, with the reason; not final, since a retry can still send it.</summary>
    public void MarkFailed(long localId, string reason, DateTimeOffset at, bool canRetry = true)
    {
        SetOwnMark(localId, OwnMark.Failed, final: !canRetry);
        AppendNotice(Notices.NotSent(reason, canRetry), at);
    }

    private void SetOwnMark(long localId, char mark, bool final)
    {
        if (!_ownRows.TryGetValue(localId, out var index))
        {
            return;
        }

        if (final)
        {
            _ownRows.Remove(localId);
        }

        var row = History.Rows[index];
        History.Replace(index, string.Concat(row.AsSpan(0, OwnMark.Column), [mark], row.AsSpan(OwnMark.Column + 1)));
        SetNeedsDraw();
    }

    private void AppendRows(string head, string text)
    {
        _lastNotice = null;
        foreach (var row in HistoryRows.Layout(head, text, LayoutWidth()))
        {
            History.Add(row);
        }

        ScrollToEnd();
    }

    private int LayoutWidth() => Viewport.Width > 0 ? Viewport.Width : UnlaidWidth;

    private void FillGap(LateArrival late, MissingMarker marker, IReadOnlyList<string> rows)
    {
        _lastNotice = null;
        var position = marker.Row - marker.Filled.Where(f => f.Sequence > late.Sequence).Sum(f => f.RowCount);
        History.InsertRange(position, rows);
        ShiftRows(position, rows.Count);
        marker.Filled.Add((late.Sequence, rows.Count));
        marker.Remaining--;
        IReadOnlyList<string> replacement = marker.Remaining == 0 ? [] : [.. HistoryRows.Layout(marker.Head, Notices.Missing(marker.Remaining), LayoutWidth())];
        History.RemoveRange(marker.Row, marker.RowCount);
        History.InsertRange(marker.Row, replacement);
        ShiftRows(marker.Row + marker.RowCount, replacement.Count - marker.RowCount);
        marker.RowCount = replacement.Count;
        if (marker.Remaining == 0)
        {
            _gaps.Remove(late.Gap);
        }

        SetNeedsDraw();
    }

    /// <summary>Rows from <paramref name="from"/> on moved by <paramref name="delta"/>: the indexes kept for marks and markers follow.</summary>
    private void ShiftRows(int from, int delta)
    {
        if (delta == 0)
        {
            return;
        }

        foreach (var (id, row) in _ownRows.ToArray())
        {
            if (row >= from)
            {
                _ownRows[id] = row + delta;
            }
        }

        foreach (var marker in _gaps.Values.Where(m => m.Row >= from))
        {
            marker.Row += delta;
        }
    }

    private void ScrollToEnd()
    {
        var visibleRows = Math.Max(1, Viewport.Height);
        var top = Math.Max(0, History.Count - visibleRows);
        if (Viewport.Y != top)
        {
            Viewport = Viewport with { Y = top };
        }

        SetNeedsDraw();
    }

    private static string Stamp(DateTimeOffset at) => at.ToLocalTime().ToString(TimeFormat, System.Globalization.CultureInfo.InvariantCulture);

    private sealed record RepeatableNotice(string Text, int Row, int RowCount, int Times);

    private sealed class MissingMarker(string head)
    {
        public string Head { get; } = head;

        public int Row { get; set; }

        public int RowCount { get; set; }

        public ulong Remaining { get; set; }

        /// <summary>Late messages placed before the marker so far, by sequence number, with their row counts.</summary>
        public List<(ulong Sequence, int RowCount)> Filled { get; } = [];
    }

    /// <summary>
    /// An own message's state, as one plain character between its time and its tag ("12:34 ~&lt;you&gt; hi"): fixed
    /// width, so it changes in place without re-wrapping, and readable without colour or special glyphs.
    /// </summary>
    public static class OwnMark
    {
        public const char Pending = '~';
        public const char Sent = '.';
        public const char Delivered = '+';
        public const char Failed = '!';

        /// <summary>Where the mark sits in the first row: after "HH:mm ".</summary>
        internal const int Column = 6;
    }
}

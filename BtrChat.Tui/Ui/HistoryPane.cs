using BtrChat.Chat;
using System.Drawing;
using BtrChat.Protocol;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The conversation, newest at the bottom. It keeps entries (who, when, text, state) and derives the rows from
/// them, so a resize or a view toggle re-wraps everything. Own messages change their mark in place; "missing"
/// markers take late arrivals before them; a notice repeated at once is counted on its row, and so is a rejection
/// while only rejections came since its row (<see cref="RejectionRun{TRow}"/>). Only the newest
/// <see cref="Scrollback"/> rows are kept. While scrolled up, new entries do not move the view: they are counted
/// (<see cref="NewBelow"/>), and a "new messages" line marks where the unread ones start.
/// </summary>
public sealed class HistoryPane : ListView
{
    public const int DefaultScrollback = 10_000;
    public const int MinimumScrollback = 100;

    /// <summary>Rows appended before the first layout wrap as if in an 80-column terminal's history box.</summary>
    private const int UnlaidWidth = 78;

    private readonly SecurityMode _mode;
    private readonly List<HistoryEntry> _entries = [];

    /// <summary>Own messages whose state can still change, by local id.</summary>
    private readonly Dictionary<long, HistoryEntry> _own = [];
    private readonly Dictionary<GapId, HistoryEntry> _gaps = [];
    private readonly RejectionRun<HistoryEntry> _rejections = new();
    private HistoryEntry? _lastNotice;

    /// <summary>The first peer message that arrived while scrolled up; the "new messages" line goes before it.</summary>
    private HistoryEntry? _firstUnread;

    /// <summary>Whether the view was back at the bottom since <see cref="_firstUnread"/> arrived: the next unread move the line.</summary>
    private bool _unreadSeen;

    /// <summary>Rows dropped from the top since the last full layout: entries' first rows count from before them.</summary>
    private long _dropped;
    private int _laidWidth;
    private Size _lastSize;
    private bool _following = true;
    private bool _settingViewport;

    public HistoryPane(SecurityMode mode)
    {
        _mode = mode;
        History = new HistorySource();
        Source = History;
        Title = "History";
        BorderStyle = LineStyle.Single;
        CanFocus = false;
    }

    /// <summary>The view moved, or what is below it changed: <see cref="IsScrolledUp"/> or <see cref="NewBelow"/>.</summary>
    public event Action? ScrollStateChanged;

    public HistorySource History { get; }

    public HistoryStyle Style { get; private set; } = HistoryStyle.Default;

    /// <summary>Peer messages that arrived below the view while scrolled up.</summary>
    public int NewBelow { get; private set; }

    public bool IsScrolledUp => !_following;

    /// <summary>Rows kept (at least <see cref="MinimumScrollback"/>); the oldest entries are dropped beyond it.</summary>
    public int Scrollback
    {
        get;
        set
        {
            field = Math.Max(MinimumScrollback, value);
            Trim();
        }
    } = DefaultScrollback;

    public IReadOnlyList<HistoryEntry> Entries => _entries;

    public void AppendOwn(long localId, string text, DateTimeOffset at)
    {
        var entry = new HistoryEntry(HistoryEntry.Kinds.Own, text, at);
        _own[localId] = entry;
        if (_firstUnread is not null)
        {
            // Writing is taken as having read: the line has done its job.
            _firstUnread = null;
            Relayout();
        }

        Append(entry);
    }

    /// <summary>A peer's message; a late one goes where its gap was shown as missing, in sequence order, and the marker counts down.</summary>
    public void AppendPeer(string text, DateTimeOffset sentAt, LateArrival? fills = null)
    {
        var entry = new HistoryEntry(HistoryEntry.Kinds.Peer, text, sentAt);
        if (fills is { } late && _gaps.TryGetValue(late.Gap, out var marker))
        {
            FillGap(late, marker, entry);
            return;
        }

        Append(entry);
    }

    /// <summary>A rejected message's notice, counted on the row of its reason while nothing else came between.</summary>
    public void AppendRejected(RejectReason reason, DateTimeOffset at)
    {
        if (_rejections.TryFind(reason, out var row))
        {
            row.Times++;
            Update(row);
            return;
        }

        var entry = new HistoryEntry(HistoryEntry.Kinds.Notice, Notices.Rejected(reason), at);
        Append(entry, rejection: true);
        _rejections.Started(reason, entry);
    }

    /// <summary>A notice; the same one again right after itself is counted on its row ("(x3)") instead of repeated.</summary>
    public void AppendNotice(string text, DateTimeOffset at)
    {
        if (_lastNotice is { } last && last.Text == text && ReferenceEquals(_entries[^1], last))
        {
            last.Times++;
            Update(last);
            return;
        }

        var entry = new HistoryEntry(HistoryEntry.Kinds.Notice, text, at);
        Append(entry);
        _lastNotice = entry;
    }

    /// <summary>A marker for messages that have not arrived; late arrivals are placed before it and count it down.</summary>
    public void AppendMissing(ulong count, GapId gap, DateTimeOffset at)
    {
        var entry = new HistoryEntry(HistoryEntry.Kinds.Missing, string.Empty, at) { Remaining = count };
        _gaps[gap] = entry;
        Append(entry);
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

    public void ToggleTimestamps() => SetStyle(Style with { Timestamps = !Style.Timestamps });

    public void ToggleCompact() => SetStyle(Style with { Compact = !Style.Compact });

    public void SetStyle(HistoryStyle style)
    {
        Style = style;
        Relayout();
    }

    /// <summary>Scrolls by whole pages: negative is up. A page keeps one row of the last one for context.</summary>
    public void ScrollPages(int pages) => ScrollRows(pages * Math.Max(1, Viewport.Height - 1));

    public void ScrollRows(int rows) => SetTop(Viewport.Y + rows);

    public void ScrollToTop() => SetTop(0);

    public void ScrollToBottom() => SetTop(MaxTop);

    protected override void OnViewportChanged(DrawEventArgs e)
    {
        base.OnViewportChanged(e);
        if (_settingViewport)
        {
            return;
        }

        var resized = Viewport.Size != _lastSize;
        _lastSize = Viewport.Size;
        if (resized)
        {
            // A resize is not the user scrolling: keep following, and re-wrap for a new width.
            if (Viewport.Width > 0 && Viewport.Width != _laidWidth)
            {
                Relayout();
            }
            else
            {
                SetTop(_following ? MaxTop : Viewport.Y);
            }

            return;
        }

        FollowIfAtBottom();
    }

    private int LayoutWidth() => Viewport.Width > 0 ? Viewport.Width : UnlaidWidth;

    private int MaxTop => Math.Max(0, History.Count - Math.Max(1, Viewport.Height));

    private void SetOwnMark(long localId, char mark, bool final)
    {
        if (!_own.TryGetValue(localId, out var entry))
        {
            return;
        }

        if (final)
        {
            _own.Remove(localId);
        }

        entry.Mark = mark;
        Update(entry);
    }

    private void Append(HistoryEntry entry, bool rejection = false)
    {
        _lastNotice = null;
        if (!rejection)
        {
            _rejections.End();
        }

        if (!_following && entry.Kind == HistoryEntry.Kinds.Peer)
        {
            NewBelow++;
            if (_firstUnread is null || _unreadSeen)
            {
                var moved = _firstUnread is not null;
                _firstUnread = entry;
                _unreadSeen = false;
                if (moved)
                {
                    Relayout();
                }
            }
        }

        var previous = _entries.Count > 0 ? _entries[^1] : null;
        var rows = RowsOf(entry, previous, LayoutWidth());
        entry.FirstRow = _dropped + History.Count;
        entry.RowCount = rows.Count;
        _entries.Add(entry);
        foreach (var row in rows)
        {
            History.Add(row);
        }

        Trim();
        if (_following)
        {
            SetTop(MaxTop);
        }
        else
        {
            ScrollStateChanged?.Invoke();
        }

        SetNeedsDraw();
    }

    /// <summary>Lays one changed entry out again: in place when its row count stays, else everything.</summary>
    private void Update(HistoryEntry entry)
    {
        var index = _entries.IndexOf(entry);
        if (index < 0)
        {
            return;
        }

        var rows = RowsOf(entry, index > 0 ? _entries[index - 1] : null, LayoutWidth());
        if (rows.Count != entry.RowCount)
        {
            Relayout();
            return;
        }

        var first = (int)(entry.FirstRow - _dropped);
        for (var i = 0; i < rows.Count; i++)
        {
            History.Replace(first + i, rows[i]);
        }

        SetNeedsDraw();
    }

    private void FillGap(LateArrival late, HistoryEntry marker, HistoryEntry entry)
    {
        _lastNotice = null;
        _rejections.End();
        var before = marker.Filled.Where(f => f.Sequence > late.Sequence).Select(f => f.Entry).FirstOrDefault();
        var index = _entries.IndexOf(before ?? marker);
        if (index < 0)
        {
            Append(entry);
            return;
        }

        _entries.Insert(index, entry);
        marker.Filled.Add((late.Sequence, entry));
        marker.Filled.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        marker.Remaining--;
        if (marker.Remaining == 0)
        {
            _entries.Remove(marker);
            _gaps.Remove(late.Gap);
        }

        Relayout();
    }

    /// <summary>
    /// Lays every entry out again at the current width and style. Following, the view stays at the bottom;
    /// scrolled up, the entry at the top of the view stays there.
    /// </summary>
    private void Relayout()
    {
        var anchor = _following ? null : EntryAtRow(Viewport.Y);
        var anchorOffset = anchor is null ? 0 : (int)(Viewport.Y - (anchor.FirstRow - _dropped));
        var width = LayoutWidth();
        _laidWidth = Viewport.Width;
        _dropped = 0;
        var rows = new List<string>();
        HistoryEntry? previous = null;
        foreach (var entry in _entries)
        {
            var laid = RowsOf(entry, previous, width);
            entry.FirstRow = rows.Count;
            entry.RowCount = laid.Count;
            rows.AddRange(laid);
            previous = entry;
        }

        History.ReplaceAll(rows);
        Trim();
        SetTop(anchor is null || !_entries.Contains(anchor) ? MaxTop : (int)(anchor.FirstRow - _dropped) + Math.Min(anchorOffset, anchor.RowCount - 1));
        SetNeedsDraw();
    }

    /// <summary>Drops the oldest entries while there are more rows than <see cref="Scrollback"/>; the newest entry always stays.</summary>
    private void Trim()
    {
        var excess = History.Count - Scrollback;
        if (excess <= 0)
        {
            return;
        }

        var entries = 0;
        var rows = 0;
        while (rows < excess && entries < _entries.Count - 1)
        {
            var dropped = _entries[entries++];
            rows += dropped.RowCount;
            Forget(dropped);
        }

        if (entries == 0)
        {
            return;
        }

        _entries.RemoveRange(0, entries);
        History.RemoveRange(0, rows);
        _dropped += rows;
        if (!_following)
        {
            SetTop(Viewport.Y - rows);
        }
    }

    /// <summary>A dropped entry can no longer change: its mark, gap, count or unread line go with it.</summary>
    private void Forget(HistoryEntry entry)
    {
        foreach (var (id, own) in _own.Where(o => ReferenceEquals(o.Value, entry)).ToArray())
        {
            _own.Remove(id);
        }

        foreach (var (gap, marker) in _gaps.Where(g => ReferenceEquals(g.Value, entry)).ToArray())
        {
            _gaps.Remove(gap);
        }

        if (ReferenceEquals(_firstUnread, entry))
        {
            _firstUnread = null;
        }

        _rejections.Forget(entry);
        if (ReferenceEquals(_lastNotice, entry))
        {
            _lastNotice = null;
        }
    }

    private HistoryEntry? EntryAtRow(int row)
    {
        var target = row + _dropped;
        var low = 0;
        var high = _entries.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var entry = _entries[middle];
            if (target < entry.FirstRow)
            {
                high = middle - 1;
            }
            else if (target >= entry.FirstRow + entry.RowCount)
            {
                low = middle + 1;
            }
            else
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>An entry's rows: a day line when the local date changed since the previous entry, the unread line, then the text.</summary>
    private List<string> RowsOf(HistoryEntry entry, HistoryEntry? previous, int width)
    {
        var rows = new List<string>();
        var day = entry.At.ToLocalTime().Date;
        if (previous is not null && previous.At.ToLocalTime().Date != day)
        {
            rows.Add(Centered(Style.DaySeparator(day), width));
        }

        if (ReferenceEquals(entry, _firstUnread))
        {
            rows.Add(Centered(HistoryStyle.UnreadLine, width));
        }

        var head = Style.Head(entry);
        rows.AddRange(HistoryRows.Layout(head, entry.Shown, width, Style.Indent(head)));
        return rows;
    }

    private static string Centered(string text, int width) => new string(' ', Math.Max(0, (width - text.Length) / 2)) + text;

    private void SetTop(int top)
    {
        top = Math.Clamp(top, 0, MaxTop);
        if (Viewport.Y != top)
        {
            _settingViewport = true;
            try
            {
                Viewport = Viewport with { Y = top };
            }
            finally
            {
                _settingViewport = false;
            }
        }

        FollowIfAtBottom();
    }

    private void FollowIfAtBottom()
    {
        var following = Viewport.Height <= 0 || Viewport.Y >= MaxTop;
        var changed = following != _following || (following && NewBelow > 0);
        _following = following;
        if (following)
        {
            NewBelow = 0;
            _unreadSeen |= _firstUnread is not null;
        }

        if (changed)
        {
            ScrollStateChanged?.Invoke();
        }

        SetNeedsDraw();
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
    }
}

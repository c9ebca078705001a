using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The full-screen chat: menu bar, history pane, input line, status bar. It only renders and turns keys
/// into <see cref="ChatCommand"/> values; what a command does is decided by <see cref="ChatApp"/>.
/// </summary>
public sealed class ChatWindow : Runnable
{
    private const string TimeFormat = "HH:mm";
    private const string OwnTag = "<you>";
    private const string PeerTag = "<peer>";
    private const string NoticeTag = "-!-";

    /// <summary>Rows appended before the first layout wrap as if in an 80-column terminal's history box.</summary>
    private const int UnlaidWidth = 78;

    private readonly ListView _history;
    private readonly Shortcut _statusText;
    private readonly SecurityMode _mode;
    /// <summary>Own messages whose state can still change: local id → index of their first history row.</summary>
    private readonly Dictionary<long, int> _ownRows = [];
    private readonly Dictionary<GapId, MissingMarker> _gaps = [];
    private RepeatableNotice? _lastNotice;
    private QueueNames _queues;
    private string _connection = "connecting";
    private HandshakeState? _handshake;
    private string? _safetyCode;

    public ChatWindow(SecurityMode mode, QueueNames queues)
    {
        _mode = mode;
        _queues = queues;
        Title = "btrchat";
        Width = Dim.Fill();
        Height = Dim.Fill();

        History = new HistorySource();
        _history = new ListView
        {
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = Dim.Fill(3),
            Source = History,
            Title = "History",
            BorderStyle = LineStyle.Single,
            CanFocus = false,
        };
        var prompt = new Label { Text = ">", X = 0, Y = Pos.AnchorEnd(2) };
        Input = new TextField { X = 2, Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        Input.Accepting += (_, e) =>
        {
            e.Handled = true;
            var line = Input.Text;
            Input.Text = string.Empty;
            if (ChatCommand.FromTypedLine(line) is { } command)
            {
                CommandIssued?.Invoke(command);
            }
        };

        // Ctrl-D deletes forward while there is text, and quits only on an empty line, as in a shell.
        Input.KeyDown += (_, key) =>
        {
            if (key == Key.D.WithCtrl && Input.Text.Length == 0)
            {
                key.Handled = true;
                CommandIssued?.Invoke(new ChatCommand.Quit());
            }
        };

        // Menus and dialogs see Esc first and close on it; one that reaches the window would end the chat.
        KeyDown += (_, key) =>
        {
            if (key == Key.Esc)
            {
                key.Handled = true;
            }
            else if (key == Key.R.WithCtrl)
            {
                key.Handled = true;
                CommandIssued?.Invoke(new ChatCommand.RetryFailed());
            }
        };

        var menu = new MenuBar(
        [
            new MenuBarItem("_Chat",
            [
                new MenuItem("_Swap queues", "/swap", () => CommandIssued?.Invoke(new ChatCommand.SwapQueues()), null),
                new MenuItem("Re-enter _PIN", "/pin", () => CommandIssued?.Invoke(new ChatCommand.ReenterPin()), null),
                new MenuItem("Session _info", "/info", () => CommandIssued?.Invoke(new ChatCommand.SessionInfo()), null),
                new MenuItem("_Retry failed", "/retry", () => CommandIssued?.Invoke(new ChatCommand.RetryFailed()), Key.R.WithCtrl),
                new MenuItem("_Help", "/help", () => CommandIssued?.Invoke(new ChatCommand.ShowHelp()), null),
                new MenuItem("_Quit", "Ctrl-D", () => CommandIssued?.Invoke(new ChatCommand.Quit()), Key.Q.WithCtrl),
            ]),
        ]);
        _statusText = new Shortcut { Title = StatusLine() };
        var status = new StatusBar(
        [
            new Shortcut(Key.Q.WithCtrl, "Quit", () => CommandIssued?.Invoke(new ChatCommand.Quit()), null),
            _statusText,
        ]);

        Add(menu, _history, prompt, Input, status);
        Input.SetFocus();
    }

    public event Action<ChatCommand>? CommandIssued;

    public HistorySource History { get; }

    public TextField Input { get; }

    public string StatusText => _statusText.Title;

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

    public void SetConnection(ConnectionStatus status)
    {
        _connection = Notices.Connection(status);
        _statusText.Title = StatusLine();
    }

    public void SetSecurity(HandshakeState state, string? safetyCode)
    {
        _handshake = state;
        _safetyCode = safetyCode;
        _statusText.Title = StatusLine();
    }

    /// <summary>The session's security facts as history lines, so they can be read out and compared.</summary>
    public void ShowSessionInfo()
    {
        var now = DateTimeOffset.Now;
        AppendNotice($"Mode: {_mode.Describe()}; connection: {_connection}.", now);
        AppendNotice($"Sending to {_queues.Tx}, reading {_queues.Rx}.", now);
        if (_mode.IsInsecure())
        {
            AppendNotice(Notices.LegacyWarning, now);
        }
        else
        {
            AppendNotice(_safetyCode is null
                ? $"Handshake: {Notices.Security(_handshake ?? HandshakeState.WaitingForPeer, null)}; no safety code yet."
                : $"Safety code {_safetyCode}: read it to your peer; theirs must match.", now);
        }
    }

    public void SetQueues(QueueNames queues)
    {
        _queues = queues;
        _statusText.Title = StatusLine();
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
        _history.SetNeedsDraw();
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

    private int LayoutWidth() => _history.Viewport.Width > 0 ? _history.Viewport.Width : UnlaidWidth;

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

        _history.SetNeedsDraw();
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
        var visibleRows = Math.Max(1, _history.Viewport.Height);
        var top = Math.Max(0, History.Count - visibleRows);
        if (_history.Viewport.Y != top)
        {
            _history.Viewport = _history.Viewport with { Y = top };
        }

        _history.SetNeedsDraw();
    }

    // Queue names can be long, so they come last: the status bar clips them, not the state.
    private string StatusLine() =>
        _handshake is { } state
            ? $"{_mode.Describe()} {Notices.Security(state, _safetyCode)} | {_connection} | {_queues.Tx} > {_queues.Rx}"
            : $"{_mode.Describe()} | {_connection} | {_queues.Tx} > {_queues.Rx}";

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

using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
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
    private readonly HistoryPane _history;
    private readonly StatusLine _status;
    private readonly Shortcut _statusText;

    /// <summary>Under the history while it is scrolled up: how many new messages are below, and how to get there.</summary>
    private readonly Label _below;

    public ChatWindow(SecurityMode mode, QueueNames queues)
    {
        _status = new StatusLine(mode, queues);
        Title = "btrchat";
        Width = Dim.Fill();
        Height = Dim.Fill();

        _history = new HistoryPane(mode) { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(3) };
        Input = new ComposeLine
        {
            X = 2,
            Y = Pos.AnchorEnd(2),
            Width = Dim.Fill(),
            MaxTextBytes = mode == SecurityMode.Legacy ? LegacyChannel.MaxTextLength : EnvelopeCodec.MaxTextBytes,
        };
        var prompt = new Label { Text = ">", X = 0, Y = Pos.Top(Input) };
        Input.CommandIssued += Issue;

        // The input grows upwards with the message (up to ComposeLine.MaxRows); the history gives up the rows.
        Input.RowsChanged += rows =>
        {
            Input.Y = Pos.AnchorEnd(rows + 1);
            _history.Height = Dim.Fill(rows + 2);
        };
        Input.Notice += text => AppendNotice(text, DateTimeOffset.Now);
        _below = new Label { X = Pos.AnchorEnd(), Y = Pos.AnchorEnd(3), Visible = false };
        _history.ScrollStateChanged += ShowBelow;

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
                Issue(new ChatCommand.RetryFailed());
            }
            else if (key == Key.F2)
            {
                key.Handled = true;
                Issue(new ChatCommand.ToggleTimestamps());
            }
            else if (key == Key.F3)
            {
                key.Handled = true;
                Issue(new ChatCommand.ToggleCompact());
            }
        };

        _statusText = new Shortcut { Title = _status.Text };
        var statusBar = new StatusBar(
        [
            new Shortcut(Key.Q.WithCtrl, "Quit", () => Issue(new ChatCommand.Quit()), null),
            _statusText,
        ]);

        Add(ChatMenu.Create(Issue), _history, _below, prompt, Input, statusBar);
        Input.SetFocus();
    }

    public event Action<ChatCommand>? CommandIssued;

    public HistorySource History => _history.History;

    public ComposeLine Input { get; }

    public string StatusText => _statusText.Title;

    /// <summary>The status bar's facts; call <see cref="RefreshStatus"/> after changing them.</summary>
    public StatusLine Status => _status;

    public HistoryPane HistoryPane => _history;

    /// <summary>The line under the history while scrolled up; empty at the bottom.</summary>
    public string BelowText => _below.Visible ? _below.Text : string.Empty;

    /// <summary>History rows kept; the oldest entries are dropped beyond it.</summary>
    public int Scrollback
    {
        get => _history.Scrollback;
        set => _history.Scrollback = value;
    }

    public void RefreshStatus() => _statusText.Title = _status.Text;

    public void AppendOwn(long localId, string text, DateTimeOffset at) => _history.AppendOwn(localId, text, at);

    public void AppendPeer(string text, DateTimeOffset sentAt, LateArrival? fills = null) => _history.AppendPeer(text, sentAt, fills);

    public void AppendNotice(string text, DateTimeOffset at) => _history.AppendNotice(text, at);

    public void AppendRejected(RejectReason reason, DateTimeOffset at) => _history.AppendRejected(reason, at);

    public void AppendMissing(ulong count, GapId gap, DateTimeOffset at) => _history.AppendMissing(count, gap, at);

    public void MarkPending(long localId) => _history.MarkPending(localId);

    public void MarkSent(long localId) => _history.MarkSent(localId);

    public void MarkDelivered(long localId) => _history.MarkDelivered(localId);

    public void MarkFailed(long localId, string reason, DateTimeOffset at, bool canRetry = true) => _history.MarkFailed(localId, reason, at, canRetry);

    public void SetConnection(ConnectionStatus status)
    {
        _status.SetConnection(status);
        RefreshStatus();
    }

    public void SetSecurity(HandshakeState state, string? safetyCode)
    {
        _status.SetSecurity(state, safetyCode);
        RefreshStatus();
    }

    public void SetQueues(QueueNames queues)
    {
        _status.SetQueues(queues);
        RefreshStatus();
    }

    /// <summary>The session's security facts as history lines, so they can be read out and compared.</summary>
    public void ShowSessionInfo()
    {
        var now = DateTimeOffset.Now;
        AppendNotice($"Mode: {_status.Mode.Describe()}; connection: {_status.Connection}.", now);
        AppendNotice($"Sending to {_status.Queues.Tx}, reading {_status.Queues.Rx}.", now);
        if (_status.Mode.IsInsecure())
        {
            AppendNotice(Notices.LegacyWarning, now);
        }
        else
        {
            AppendNotice(_status.SafetyCode is null
                ? $"Handshake: {Notices.Security(_status.Handshake ?? HandshakeState.WaitingForPeer, null)}; no safety code yet."
                : $"Safety code {_status.SafetyCode}: read it to your peer; theirs must match.", now);
        }
    }

    /// <summary>
    /// The history's scroll keys are taken at the application level, before the input line's editor, which has
    /// its own meaning for PgUp/PgDn and Home/End; only while the input has focus, so dialogs and menus keep theirs.
    /// </summary>
    protected override void OnIsRunningChanged(bool newIsRunning)
    {
        base.OnIsRunningChanged(newIsRunning);
        if (App is not { } app)
        {
            return;
        }

        app.Keyboard.KeyDown -= ScrollHistory;
        if (newIsRunning)
        {
            app.Keyboard.KeyDown += ScrollHistory;
        }
    }

    private void ScrollHistory(object? sender, Key key)
    {
        if (!key.Handled && Input.HasFocus && App?.TopRunnable == this)
        {
            key.Handled = HistoryKeys.TryScroll(_history, key, Input.Text.Length == 0);
        }
    }

    private void Issue(ChatCommand command) => CommandIssued?.Invoke(command);

    private void ShowBelow()
    {
        _below.Visible = _history.IsScrolledUp;
        _below.Text = _history.NewBelow > 0 ? $"{_history.NewBelow} new below: Ctrl-End " : "scrolled up: Ctrl-End ";
    }
}

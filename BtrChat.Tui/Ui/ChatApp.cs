using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The full-screen program: owns the Terminal.Gui application, starts the session after the first frame,
/// carries session events onto the UI thread and carries the window's commands to the session.
/// Every way out (Ctrl-D, Ctrl-Q, menu, /quit, SIGINT, SIGTERM, SIGHUP) ends in the same RequestStop,
/// so the terminal is restored by one Dispose.
/// </summary>
public sealed class ChatApp
{
    /// <summary>Columns of the status bar before the status text: " Ctrl+Q  Quit │ ".</summary>
    private const int StatusBarQuitColumns = 16;

    private static readonly TimeSpan CountdownStep = TimeSpan.FromSeconds(1);

    private readonly IApplication _app;
    private readonly ChatWindow _window;
    private readonly SecurityMode _mode;
    private readonly Func<IMessageQueue> _connect;
    private readonly TimeProvider _time;
    private readonly HandshakePolicy _policy;
    private readonly ILogger _log;
    private readonly LogFileSwitch? _logFile;
    private readonly CancellationTokenSource _closing = new();
    /// <summary>Own messages not yet in their final state, by local id: what the quit question counts.</summary>
    private readonly Dictionary<long, OwnMessageState> _unfinished = [];
    private ChatSession? _session;
    private bool _quitWhenDelivered;
    private IMessageQueue? _queue;
    private Task _pump = Task.CompletedTask;
    private QueueNames _queues;

    /// <summary>Redraws the status bar each second while it counts down to a retry; null otherwise.</summary>
    private ITimer? _countdown;

    public ChatApp(IApplication app, SecurityMode mode, QueueNames queues, Func<IMessageQueue> connect, TimeProvider time, ILogger log, HandshakePolicy? policy = null, LogFileSwitch? logFile = null)
    {
        _logFile = logFile;
        _policy = policy ?? HandshakePolicy.Default;
        _app = app;
        _mode = mode;
        _queues = queues;
        _connect = connect;
        _time = time;
        _log = log;
        _window = new ChatWindow(mode, queues);
        _window.CommandIssued += Execute;
        _window.Status.Clock = time;
        FitStatus();
        _window.FrameChanged += (_, _) => FitStatus();
        _window.KeyDown += (_, key) =>
        {
            // A menu item's key works only while its menu is open, and F1 is wanted everywhere.
            if (key == Key.F1)
            {
                key.Handled = true;
                Execute(new ChatCommand.ShowKeys());
            }
        };
    }

    public ChatWindow Window => _window;

    /// <summary>
    /// Rings the terminal bell for a peer's message that arrives while the history is scrolled away from the bottom,
    /// where it would go unseen; null (the default) for silence.
    /// </summary>
    public Action? Bell { get; set; }

    /// <summary>Whether the user left at the PIN prompt instead of chatting.</summary>
    public bool LeftWithoutPin { get; private set; }

    /// <summary>Runs the window; the session starts once the first frame is on screen.</summary>
    public void RunUntilQuit(Pin? pin)
    {
        var started = false;
        _app.LayoutAndDrawComplete += (_, _) =>
        {
            if (started)
            {
                return;
            }

            started = true;
            _app.Invoke(() => Begin(pin));
        };
        _app.Run(_window);
        StopCountdown();
        _window.Dispose();
    }

    /// <summary>Starts the session with a PIN already known, or asks for one first.</summary>
    public void Begin(Pin? pin)
    {
        if (_mode.IsInsecure())
        {
            _window.AppendNotice(Notices.LegacyWarning, _time.GetUtcNow());
        }

        if (pin is not null && SecureChannels.Validate(_mode, pin) is { } problem)
        {
            _window.AppendNotice(problem, _time.GetUtcNow());
            pin = null;
        }

        pin ??= PinDialog.Ask(_app, $"Shared PIN for {_queues.Tx} / {_queues.Rx}", p => SecureChannels.Validate(_mode, p));
        if (pin is null)
        {
            LeftWithoutPin = true;
            Quit();
            return;
        }

        _queue = _connect();
        _session = new ChatSession(_queue, _queues, SecureChannels.Create(_mode, pin, _queues, _policy), _time, _log);
        _session.Start();
        // The pump runs on the thread pool and reaches the UI only through Invoke (ShowAsync).
        var session = _session;
        _pump = Task.Run(() => ChatEventPump.RunAsync(session, ShowAsync, _closing.Token));
        _window.AppendNotice("Enter sends. F1 keys, F9 menu. Ctrl-D on an empty line quits.", _time.GetUtcNow());
    }

    public void Quit() => _app.RequestStop(_window);

    public async ValueTask ShutdownAsync()
    {
        StopCountdown();
        await _closing.CancelAsync();
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        await _pump;
        (_queue as IDisposable)?.Dispose();
        _closing.Dispose();
    }

    private void Execute(ChatCommand command)
    {
        var now = _time.GetUtcNow();
        switch (command)
        {
            case ChatCommand.Send send when _session is not null:
                var id = _session.Send(send.Text);
                _unfinished[id] = OwnMessageState.Pending;
                _window.AppendOwn(id, send.Text, now);
                break;
            case ChatCommand.Send:
                _window.AppendNotice("Not connected yet: enter the PIN first.", now);
                break;
            case ChatCommand.SwapQueues when _session is not null:
                _session.SwapQueues();
                break;
            case ChatCommand.SwapQueues:
                _queues = _queues.Swapped();
                _window.SetQueues(_queues);
                _window.AppendNotice(Notices.Swapped(_queues), now);
                break;
            case ChatCommand.ReenterPin:
                ReenterPin();
                break;
            case ChatCommand.Quit:
                AskToQuit();
                break;
            case ChatCommand.RetryFailed when _session is not null:
                _session.RetryFailed();
                break;
            case ChatCommand.RetryFailed:
                _window.AppendNotice("Nothing to retry yet: enter the PIN first.", now);
                break;
            case ChatCommand.ShowHelp:
                ShowHelp(now);
                break;
            case ChatCommand.ShowKeys:
                KeysDialog.Show(_app);
                break;
            case ChatCommand.ShowAbout:
                AboutDialog.Show(_app, _mode, _logFile);
                break;
            case ChatCommand.CheckQueues when _session is not null:
                _ = CheckQueuesAsync(_session);
                break;
            case ChatCommand.CheckQueues:
                _window.AppendNotice("Nothing to check yet: enter the PIN first.", now);
                break;
            case ChatCommand.DebugLog debug:
                SwitchDebugLog(debug.On, now);
                break;
            case ChatCommand.SessionInfo:
                _window.ShowSessionInfo();
                break;
            case ChatCommand.ToggleTimestamps:
                _window.HistoryPane.ToggleTimestamps();
                break;
            case ChatCommand.ToggleCompact:
                _window.HistoryPane.ToggleCompact();
                break;
            case ChatCommand.Unknown unknown:
                _window.AppendNotice($"Unknown command {unknown.Name}: /help lists the commands; start with // to send text beginning with /.", now);
                break;
        }
    }

    /// <summary>
    /// Quits at once when every message has reached its final state; otherwise asks: quit anyway (what is undelivered
    /// stays undelivered), wait (failed ones are retried, and the program quits once all are delivered), or cancel.
    /// </summary>
    private void AskToQuit()
    {
        var (waiting, failed) = Unfinished();
        if (waiting + failed == 0)
        {
            Quit();
            return;
        }

        var question = Notices.UndeliveredOnQuit(waiting, failed);
        switch (MessageBox.Query(_app, "Quit", question, "_Quit anyway", "_Wait", "_Cancel"))
        {
            case 0:
                _log.Information("Quit with {Waiting} undelivered and {Failed} failed message(s)", waiting, failed);
                Quit();
                break;
            case 1:
                _quitWhenDelivered = true;

                // Events keep arriving while the question is open: everything may be delivered by the time it is answered.
                if (_unfinished.Count == 0)
                {
                    Quit();
                    break;
                }

                if (failed > 0)
                {
                    _session?.RetryFailed();
                }

                _window.AppendNotice(Notices.WaitingToQuit(_unfinished.Count), _time.GetUtcNow());
                break;
            default:
                if (_quitWhenDelivered)
                {
                    _window.AppendNotice("Not quitting.", _time.GetUtcNow());
                }

                _quitWhenDelivered = false;
                break;
        }
    }

    private (int Waiting, int Failed) Unfinished()
    {
        var failed = _unfinished.Values.Count(s => s == OwnMessageState.Failed);
        return (_unfinished.Count - failed, failed);
    }

    private void Track(long localId, OwnMessageState state)
    {
        var final = state == OwnMessageState.Delivered || (state == OwnMessageState.Sent && _mode.IsInsecure());
        if (final)
        {
            _unfinished.Remove(localId);
        }
        else if (_unfinished.ContainsKey(localId))
        {
            _unfinished[localId] = state;
        }

        if (_quitWhenDelivered && _unfinished.Count == 0)
        {
            _log.Information("Every message delivered: quitting as asked");
            Quit();
        }
    }

    private void ReenterPin()
    {
        if (_session is null)
        {
            return;
        }

        if (_mode == SecurityMode.KeyFile)
        {
            _window.AppendNotice("Key-file mode has no PIN: replace the key file and restart.", _time.GetUtcNow());
            return;
        }

        var pin = PinDialog.Ask(_app, "New shared PIN", p => SecureChannels.Validate(_mode, p));
        if (pin is not null)
        {
            _session.ChangePin(pin);
        }
    }

    private void ShowHelp(DateTimeOffset now)
    {
        foreach (var line in KeyHelp.Lines())
        {
            _window.AppendNotice(line, now);
        }
    }

    /// <summary>
    /// /check: the counts come from GetQueueAttributes off the UI thread and are shown through Invoke, one line per
    /// queue. Receiving needs no nudge: a long poll is always parked on the rx queue.
    /// </summary>
    private async Task CheckQueuesAsync(ChatSession session)
    {
        var names = session.Queues;
        string[] lines;
        try
        {
            lines = await Task.WhenAll(
                Task.Run(() => CountLineAsync(session, tx: true, names.Tx, "to the peer")),
                Task.Run(() => CountLineAsync(session, tx: false, names.Rx, "from the peer")));
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return;
        }

        _app.Invoke(() =>
        {
            foreach (var line in lines)
            {
                _window.AppendNotice(line, _time.GetUtcNow());
            }
        });
    }

    private async Task<string> CountLineAsync(ChatSession session, bool tx, string name, string direction)
    {
        try
        {
            return await session.CountWaitingAsync(tx, _closing.Token) is { } depth
                ? $"{depth.Queue} ({direction}): {depth.Waiting} waiting, {depth.InFlight} in flight."
                : $"{name} ({direction}): not resolved yet.";
        }
        catch (Exception e) when (e is not OperationCanceledException || !_closing.IsCancellationRequested)
        {
            var failure = SqsFailure.From(e, name);
            _log.Warning(e, "Counting the messages in {Queue} failed: {Reason}", name, failure.Message);
            return $"{name} ({direction}): not counted: {failure.Message}.";
        }
    }

    /// <summary>/debug and /nodebug: only the log file's level changes; the screen shows where the file is, never what is in it.</summary>
    private void SwitchDebugLog(bool on, DateTimeOffset now)
    {
        if (_logFile is null)
        {
            _window.AppendNotice("This session writes no log file.", now);
            return;
        }

        _logFile.Debug(on);
        _log.Information("Log level set to {Level} by the user", _logFile.Level);
        _window.AppendNotice(on ? "Debug logging on (Verbose; secrets are never logged)." : $"Debug logging off: back to {_logFile.Level}.", now);
        _window.AppendNotice($"Log file: {_logFile.TodaysFile(now.LocalDateTime)}", now);
    }

    /// <summary>The status text gets the columns the Quit key leaves of the screen's width.</summary>
    private void FitStatus()
    {
        var width = _window.Frame.Width > 0 ? _window.Frame.Width : _app.Screen.Width;
        _window.Status.Width = Math.Max(width - StatusBarQuitColumns, 0);
        _window.RefreshStatus();
    }

    private void ShowConnection(ConnectionStatus status, DateTimeOffset now)
    {
        var before = _window.Status.ConnectionStatus;
        _window.SetConnection(status);
        switch (status.State)
        {
            case ConnectionState.Stopped:
                _window.AppendNotice(Notices.Connection(status), now);
                break;

            // The bar says only "offline" and counts down, so why goes in the history: once per outage and reason.
            case ConnectionState.Offline when before.State != ConnectionState.Offline || before.Detail != status.Detail:
                _window.AppendNotice($"Offline: {status.Detail}; retrying.", now);
                break;
            case ConnectionState.Online when before.State == ConnectionState.Offline:
                _window.AppendNotice("Online again.", now);
                break;
        }

        if (status is { State: ConnectionState.Offline, RetryAt: not null })
        {
            _countdown ??= _time.CreateTimer(_ => _app.Invoke(CountDown), null, CountdownStep, CountdownStep);
        }
        else
        {
            StopCountdown();
        }
    }

    private void CountDown()
    {
        if (_countdown is not null)
        {
            _window.RefreshStatus();
        }
    }

    private void StopCountdown()
    {
        _countdown?.Dispose();
        _countdown = null;
    }

    private Task ShowAsync(IReadOnlyList<ChatEvent> batch)
    {
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _app.Invoke(() =>
        {
            try
            {
                foreach (var chatEvent in batch)
                {
                    Show(chatEvent);
                }

                // On the terminal before it counts as shown: a shown message is deleted and acknowledged, and a
                // process killed before the next frame would otherwise lose it.
                _app.LayoutAndDraw();
            }
            finally
            {
                shown.TrySetResult();
            }
        });
        return shown.Task.WaitAsync(_closing.Token);
    }

    /// <summary>One session event on screen; internal so tests can show events without a session behind them.</summary>
    internal void Show(ChatEvent chatEvent)
    {
        var now = _time.GetUtcNow();
        switch (chatEvent)
        {
            case ChatEvent.PeerMessage message:
                _window.AppendPeer(message.Text, message.SentAt, message.Fills);
                if (_window.HistoryPane.IsScrolledUp)
                {
                    Bell?.Invoke();
                }

                _window.Status.SetPeerMessage(message.SentAt);
                _window.RefreshStatus();
                break;
            case ChatEvent.Rejected rejected:
                _window.AppendRejected(rejected.Reason, now);
                break;
            case ChatEvent.Notice notice:
                _window.AppendNotice(notice.Text, now);
                break;
            case ChatEvent.OwnMessagePending pending:
                _window.MarkPending(pending.LocalId);
                Track(pending.LocalId, OwnMessageState.Pending);
                break;
            case ChatEvent.OwnMessageSent sent:
                _window.MarkSent(sent.LocalId);
                Track(sent.LocalId, OwnMessageState.Sent);
                break;
            case ChatEvent.OwnMessageDelivered delivered:
                _window.MarkDelivered(delivered.LocalId);
                Track(delivered.LocalId, OwnMessageState.Delivered);
                break;
            case ChatEvent.OwnMessageFailed failed:
                _window.MarkFailed(failed.LocalId, failed.Reason, now, failed.CanRetry);
                if (failed.CanRetry)
                {
                    Track(failed.LocalId, OwnMessageState.Failed);
                }
                else
                {
                    _unfinished.Remove(failed.LocalId);
                }

                break;
            case ChatEvent.ConnectionChanged changed:
                ShowConnection(changed.Status, now);
                break;
            case ChatEvent.SecurityChanged security:
                _window.SetSecurity(security.State, security.SafetyCode);
                break;
            case ChatEvent.Missing missing:
                _window.AppendMissing(missing.Count, missing.Gap, now);
                break;
            case ChatEvent.QueuesChanged swapped:
                _queues = swapped.Queues;
                _window.SetQueues(swapped.Queues);
                _window.AppendNotice(Notices.Swapped(swapped.Queues), now);
                break;
        }
    }
}

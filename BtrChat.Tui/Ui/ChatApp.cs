using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog;
using Terminal.Gui.App;
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
    private readonly IApplication _app;
    private readonly ChatWindow _window;
    private readonly SecurityMode _mode;
    private readonly Func<IMessageQueue> _connect;
    private readonly TimeProvider _time;
    private readonly HandshakePolicy _policy;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _closing = new();
    /// <summary>Own messages not yet in their final state, by local id: what the quit question counts.</summary>
    private readonly Dictionary<long, OwnMessageState> _unfinished = [];
    private ChatSession? _session;
    private bool _quitWhenDelivered;
    private IMessageQueue? _queue;
    private Task _pump = Task.CompletedTask;
    private QueueNames _queues;

    public ChatApp(IApplication app, SecurityMode mode, QueueNames queues, Func<IMessageQueue> connect, TimeProvider time, ILogger log, HandshakePolicy? policy = null)
    {
        _policy = policy ?? HandshakePolicy.Default;
        _app = app;
        _mode = mode;
        _queues = queues;
        _connect = connect;
        _time = time;
        _log = log;
        _window = new ChatWindow(mode, queues);
        _window.CommandIssued += Execute;
    }

    public ChatWindow Window => _window;

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
        _window.AppendNotice("Enter sends. F10 menu. /help commands. Ctrl-D on empty line quits.", _time.GetUtcNow());
    }

    public void Quit() => _app.RequestStop(_window);

    public async ValueTask ShutdownAsync()
    {
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
            case ChatCommand.SessionInfo:
                _window.ShowSessionInfo();
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
                if (failed > 0)
                {
                    _session?.RetryFailed();
                }

                _window.AppendNotice(Notices.WaitingToQuit(waiting + failed), _time.GetUtcNow());
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
        _window.AppendNotice("Commands:", now);
        foreach (var (name, help) in ChatCommand.TypedCommands)
        {
            _window.AppendNotice($"  {name,-13} {help}", now);
        }

        _window.AppendNotice("Keys: Enter sends, F10 menu, Ctrl-D on an empty line or Ctrl-Q quits, Esc closes dialogs.", now);
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
            }
            finally
            {
                shown.TrySetResult();
            }
        });
        return shown.Task.WaitAsync(_closing.Token);
    }

    private void Show(ChatEvent chatEvent)
    {
        var now = _time.GetUtcNow();
        switch (chatEvent)
        {
            case ChatEvent.PeerMessage message:
                _window.AppendPeer(message.Text, message.SentAt, message.Fills);
                break;
            case ChatEvent.Rejected rejected:
                _window.AppendNotice(Notices.Rejected(rejected.Reason), now);
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
                _window.SetConnection(changed.Status);
                if (changed.Status.State == ConnectionState.Stopped)
                {
                    _window.AppendNotice(Notices.Connection(changed.Status), now);
                }

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

using BtrChat.Chat;
using BtrChat.Ui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace BtrChat.Tests.Ui;

/// <summary>
/// Terminal.Gui keeps process-wide state (the default key bindings among it), so the UI tests run one at a
/// time, apart from every other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerminalGuiCollection
{
    public const string Name = "Terminal.Gui";
}

/// <summary>
/// A Terminal.Gui application on its own ANSI driver, 80x24, with virtual time and injected keys: no terminal,
/// no sleeping. The default key bindings are the ones <c>TerminalChat</c> sets before the product's Init.
/// </summary>
internal sealed class HeadlessApp : IDisposable
{
    public const int Columns = 80;
    public const int Rows = 24;

    public HeadlessApp()
    {
        App = Application.Create(new VirtualTimeProvider());
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(Columns, Rows);
    }

    public IApplication App { get; }

    public void Type(string text)
    {
        foreach (var c in text)
        {
            App.InjectKey(new Key(c));
        }
    }

    public void Press(Key key) => App.InjectKey(key);

    public void Enter(string line)
    {
        Type(line);
        Press(Key.Enter);
    }

    /// <summary>The screen as text after a layout and draw: <see cref="Rows"/> lines of <see cref="Columns"/> cells.</summary>
    public string[] Screen()
    {
        App.LayoutAndDraw();
        return [.. App.Driver!.ToString()!.ReplaceLineEndings("\n").Split('\n').Take(Rows)];
    }

    public string ScreenText() => string.Join('\n', Screen());

    /// <summary>
    /// Runs <paramref name="modal"/> (which runs a nested modal session, e.g. a dialog) and types one key script
    /// into each session it begins, in order. A watchdog stops a session that never ends, so a key that fails to
    /// close a dialog fails the test instead of hanging it.
    /// </summary>
    /// <returns>Whether the watchdog had to step in, and each session's screen right after its script was typed, before its last key.</returns>
    public (bool TimedOut, List<string> Screens) DriveModal(Action modal, params Key[][] scriptPerSession)
    {
        var scripts = new Queue<Key[]>(scriptPerSession);
        var screens = new List<string>();
        var timedOut = false;
        void OnSessionBegun(object? sender, SessionTokenEventArgs e)
        {
            if (!scripts.TryDequeue(out var keys))
            {
                return;
            }

            // Queued: the keys go in once the session's loop is running.
            App.Invoke(() =>
            {
                foreach (var key in keys[..^1])
                {
                    App.InjectKey(key);
                }

                screens.Add(ScreenText());
                App.InjectKey(keys[^1]);
            });
        }

        App.SessionBegun += OnSessionBegun;
        using var watchdog = new Timer(
            _ => App.Invoke(() =>
            {
                timedOut = true;
                App.RequestStop(App.TopRunnable);
            }),
            null,
            TimeSpan.FromSeconds(5),
            System.Threading.Timeout.InfiniteTimeSpan);
        try
        {
            modal();
        }
        finally
        {
            App.SessionBegun -= OnSessionBegun;
        }

        return (timedOut, screens);
    }

    public void Dispose() => App.Dispose();
}

/// <summary>A <see cref="ChatWindow"/> begun (not run) on a <see cref="HeadlessApp"/>, recording the commands it raises.</summary>
internal sealed class RunningWindow : IDisposable
{
    private readonly SessionToken _session;

    public RunningWindow(ChatWindow window, HeadlessApp? headless = null)
    {
        Headless = headless ?? new HeadlessApp();
        Window = window;
        Window.CommandIssued += Commands.Add;
        _session = Headless.App.Begin(Window) ?? throw new InvalidOperationException("Begin returned no session.");
    }

    public HeadlessApp Headless { get; }

    public IApplication App => Headless.App;

    public ChatWindow Window { get; }

    public List<ChatCommand> Commands { get; } = [];

    public void Dispose()
    {
        App.End(_session);
        Window.Dispose();
        Headless.Dispose();
    }
}

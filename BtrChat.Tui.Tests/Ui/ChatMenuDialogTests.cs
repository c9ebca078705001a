using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Serilog.Core;
using Serilog.Events;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

/// <summary>The help and about dialogs and the commands behind the Help menu, on the whole <see cref="ChatApp"/> without a session.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ChatMenuDialogTests : IDisposable
{
    private const string LogPath = "/home/alice/.local/state/btrchat/btrchat.log";

    /// <summary>The name on disk: the sink puts the day's date before the extension.</summary>
    private static string TodaysLogFile => $"/home/alice/.local/state/btrchat/btrchat{DateTime.Now:yyyyMMdd}.log";

    private readonly HeadlessApp _headless = new();
    private readonly LoggingLevelSwitch _level = new(LogEventLevel.Information);
    private readonly RunningWindow _ui;

    public ChatMenuDialogTests()
    {
        Chat = new ChatApp(_headless.App, SecurityMode.Pin, new QueueNames("a2b.fifo", "b2a.fifo"), () => throw new InvalidOperationException("no session here"), TimeProvider.System, Logger.None, logFile: new LogFileSwitch(LogPath, _level));
        _ui = new RunningWindow(Chat.Window, _headless);
    }

    private ChatApp Chat { get; }

    public void Dispose() => _ui.Dispose();

    [Fact]
    public void F1_OpensTheKeysDialog_AndEscClosesItWithoutQuitting()
    {
        var (timedOut, screens) = _headless.DriveModal(() => _headless.Press(Key.F1), [Key.Esc]);

        Assert.False(timedOut, "Esc did not close the dialog");
        Assert.Contains("Keys and commands", screens[0]);
        Assert.Contains("Enter         send the message", screens[0]);
        Assert.Contains("Ctrl-D", screens[0]);
        Assert.False(Chat.Window.StopRequested);
        Assert.Same(Chat.Window, _headless.App.TopRunnable);
    }

    [Fact]
    public void KeysDialog_ScrollsToTheLastTypedCommand()
    {
        var (timedOut, screens) = _headless.DriveModal(() => _headless.Press(Key.F1), [Key.End, Key.Esc]);

        Assert.False(timedOut, "Esc did not close the dialog");
        Assert.Contains("//text", screens[0]);
        Assert.Contains("/nodebug", screens[0]);
    }

    [Fact]
    public void HelpMenu_KeysAndCommands_OpensTheSameDialog()
    {
        var (timedOut, screens) = _headless.DriveModal(
            () =>
            {
                _headless.Press(Key.H.WithAlt);
                _headless.Press(Key.Enter);
            },
            [Key.Esc]);

        Assert.False(timedOut, "Esc did not close the dialog");
        Assert.Contains("Typed commands:", screens[0]);
        Assert.Same(Chat.Window, _headless.App.TopRunnable);
    }

    [Fact]
    public void KeysDialog_AndTypedHelp_ShowTheSameLines()
    {
        var (_, screens) = _headless.DriveModal(() => _headless.Press(Key.F1), [Key.Esc]);
        _headless.Enter("/help");

        var helpRows = Chat.Window.History.Rows.Select(r => r[(r.IndexOf("-!- ", StringComparison.Ordinal) + 4)..]).ToList();
        var lines = KeyHelp.Lines().ToList();
        Assert.Equal(lines, helpRows[^lines.Count..]);
        Assert.Contains(lines[1].Trim(), screens[0]);
        Assert.All(ChatCommand.TypedCommands, c => Assert.Contains(lines, l => l.TrimStart().StartsWith(c.Name, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/about")]
    [InlineData("menu")]
    public void About_ShowsVersionModeAndLogFile_AndEscClosesIt(string how)
    {
        Action open = how == "menu" ? OpenAboutFromTheHelpMenu : () => _headless.Enter("/about");

        var (timedOut, screens) = _headless.DriveModal(open, [Key.Esc]);

        Assert.False(timedOut, "Esc did not close the dialog");
        Assert.Contains("btrchat 0.1.0", screens[0]);
        Assert.Contains("Mode: PIN", screens[0]);
        Assert.Contains($"Log file: {TodaysLogFile}", screens[0]);
        Assert.Contains("Log level: Information", screens[0]);
        Assert.False(Chat.Window.StopRequested);
        Assert.Same(Chat.Window, _headless.App.TopRunnable);
    }

    [Fact]
    public void Debug_SwitchesTheLogFileToVerboseAndSaysWhereItIs_NodebugSwitchesBack()
    {
        _headless.Enter("/debug");

        Assert.Equal(LogEventLevel.Verbose, _level.MinimumLevel);
        Assert.EndsWith("-!- Debug logging on (Verbose; secrets are never logged).", Chat.Window.History.Rows[^2], StringComparison.Ordinal);
        Assert.EndsWith($"-!- Log file: {TodaysLogFile}", Chat.Window.History.Rows[^1], StringComparison.Ordinal);

        _headless.Enter("/nodebug");

        Assert.Equal(LogEventLevel.Information, _level.MinimumLevel);
        Assert.EndsWith("-!- Debug logging off: back to Information.", Chat.Window.History.Rows[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void About_WhileDebugging_SaysSo()
    {
        _headless.Enter("/debug");

        var (_, screens) = _headless.DriveModal(() => _headless.Enter("/about"), [Key.Esc]);

        Assert.Contains("Log level: Verbose (/debug; /nodebug ends it)", screens[0]);
    }

    [Fact]
    public void Check_BeforeAPinWasGiven_SaysThereIsNothingToCheckYet()
    {
        _headless.Enter("/check");

        Assert.EndsWith("-!- Nothing to check yet: enter the PIN first.", Chat.Window.History.Rows[^1], StringComparison.Ordinal);
    }

    private void OpenAboutFromTheHelpMenu()
    {
        _headless.Press(Key.H.WithAlt);
        _headless.Press(Key.CursorDown);
        _headless.Press(Key.Enter);
    }
}

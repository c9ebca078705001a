using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace BtrChat.Tests.Ui;

/// <summary>
/// The commands that need no session: before a PIN is given, nothing may reach SQS, so the connect function
/// fails the test if it is ever called.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ChatAppTests : IDisposable
{
    private static readonly QueueNames Queues = new("alice-tx", "bob-rx");

    private readonly HeadlessApp _headless = new();
    private readonly RunningWindow _ui;
    private int _connects;

    public ChatAppTests()
    {
        Chat = new ChatApp(_headless.App, SecurityMode.Legacy, Queues, Connect, TimeProvider.System, Serilog.Core.Logger.None);
        _ui = new RunningWindow(Chat.Window, _headless);
    }

    private ChatApp Chat { get; }

    private ChatWindow Window => Chat.Window;

    public void Dispose() => _ui.Dispose();

    [Fact]
    public void Send_BeforeAPinWasGiven_ShowsNotConnectedYetAndSendsNothing()
    {
        _headless.Enter("hello");

        var screen = _headless.ScreenText();
        Assert.Contains("-!- Not connected yet", screen);
        Assert.DoesNotContain("<you>", screen);
        Assert.Equal(0, _connects);
    }

    [Fact]
    public void Help_ListsTheTypedCommands()
    {
        _headless.Enter("/help");

        var screen = _headless.ScreenText();
        Assert.Contains("/swap", screen);
        Assert.Contains("/quit", screen);
        Assert.Contains("/help", screen);
        Assert.Equal(0, _connects);
    }

    [Fact]
    public void Swap_BeforeASessionExists_ExchangesTheQueuesInTheStatusBarAndSaysSo()
    {
        Assert.Contains("alice-tx > bob-rx", _headless.Screen()[^1]);

        _headless.Enter("/swap");

        var screen = _headless.Screen();
        Assert.Contains("bob-rx > alice-tx", screen[^1]);
        Assert.Contains(screen, row => row.Contains(Notices.Swapped(Queues.Swapped()), StringComparison.Ordinal));
        Assert.Equal(0, _connects);
    }

    [Fact]
    public void Swap_Twice_RestoresTheOriginalQueues()
    {
        _headless.Enter("/swap");
        _headless.Enter("/swap");

        Assert.Contains("alice-tx > bob-rx", _headless.Screen()[^1]);
    }

    [Fact]
    public void Debug_WithoutALogFile_SaysThereIsNone()
    {
        _headless.Enter("/debug");

        Assert.EndsWith("-!- This session writes no log file.", Window.History.Rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryKeyAndTypedCommand()
    {
        _headless.Enter("/help");

        var rows = Window.History.Rows;
        Assert.All(KeyHelp.Keys, key => Assert.Contains(rows, r => r.Contains($"  {key.Keys} ", StringComparison.Ordinal) && r.EndsWith(key.Action, StringComparison.Ordinal)));
        Assert.All(ChatCommand.TypedCommands, command => Assert.Contains(rows, r => r.Contains($"  {command.Name} ", StringComparison.Ordinal) && r.EndsWith(command.Help, StringComparison.Ordinal)));
    }

    [Fact]
    public void UnknownCommand_ShowsANoticeNamingIt()
    {
        _headless.Enter("/bogus");

        Assert.Contains("-!- Unknown command /bogus", _headless.ScreenText());
    }

    [Fact]
    public void ReenterPin_BeforeASessionExists_OpensNoDialog()
    {
        _headless.Enter("/pin");

        Assert.Same(Window, _headless.App.TopRunnable);
        Assert.Equal(0, _connects);
    }

    [Fact]
    public void Quit_StopsTheWindow()
    {
        _headless.Enter("/quit");

        Assert.True(Window.StopRequested);
    }

    [Fact]
    public void CtrlD_OnAnEmptyInput_StopsTheWindow()
    {
        _headless.Press(Key.D.WithCtrl);

        Assert.True(Window.StopRequested);
    }

    [Fact]
    public void Esc_DoesNotStopTheWindow()
    {
        _headless.Press(Key.Esc);

        Assert.False(Window.StopRequested);
        Assert.Same(Window, _headless.App.TopRunnable);
    }

    [Fact]
    public void Begin_WithoutAPinAndTheUserLeavesThePinDialog_QuitsWithoutConnecting()
    {
        var (timedOut, screens) = _headless.DriveModal(() => Chat.Begin(null), [Key.D.WithCtrl]);

        Assert.False(timedOut, "the PIN dialog did not close");
        Assert.Contains("Shared PIN for alice-tx / bob-rx", Assert.Single(screens));
        Assert.Contains(Notices.LegacyWarning, screens[0]);
        Assert.True(Chat.LeftWithoutPin);
        Assert.True(Window.StopRequested);
        Assert.Equal(0, _connects);
    }

    [Fact]
    public void Begin_WithAnUnusablePin_ShowsTheProblemAndAsksAgain()
    {
        var (timedOut, screens) = _headless.DriveModal(() => Chat.Begin(new Pin("12345")), [Key.D.WithCtrl]);

        Assert.False(timedOut, "the PIN dialog did not close");
        Assert.Contains("The PIN must be exactly 4 characters (you typed 5).", Assert.Single(screens));
        Assert.True(Chat.LeftWithoutPin);
        Assert.Equal(0, _connects);
    }

    private IMessageQueue Connect()
    {
        _connects++;
        throw new InvalidOperationException("No SQS client may be created before a usable PIN is given.");
    }
}

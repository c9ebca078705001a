using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

/// <summary>The menu bar by keyboard alone: F9, F10 and Alt+letter open it, Esc closes it, each item shows and raises its command.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ChatMenuKeysTests : IDisposable
{
    private static readonly Dictionary<string, Key> Openers = new()
    {
        ["F9"] = Key.F9,
        ["F10"] = Key.F10,
        ["Alt-C"] = Key.C.WithAlt,
        ["Alt-H"] = Key.H.WithAlt,
    };

    private static readonly Dictionary<string, ChatCommand> Commands = new()
    {
        ["SwapQueues"] = new ChatCommand.SwapQueues(),
        ["ReenterPin"] = new ChatCommand.ReenterPin(),
        ["SessionInfo"] = new ChatCommand.SessionInfo(),
        ["RetryFailed"] = new ChatCommand.RetryFailed(),
        ["CheckQueues"] = new ChatCommand.CheckQueues(),
        ["Quit"] = new ChatCommand.Quit(),
        ["ShowKeys"] = new ChatCommand.ShowKeys(),
        ["ShowAbout"] = new ChatCommand.ShowAbout(),
    };

    private readonly RunningWindow _ui = new(new ChatWindow(SecurityMode.Pin, new QueueNames("a2b.fifo", "b2a.fifo")));

    private HeadlessApp Headless => _ui.Headless;

    public void Dispose() => _ui.Dispose();

    [Theory]
    [InlineData("F9")]
    [InlineData("F10")]
    [InlineData("Alt-C")]
    public void Key_OpensTheChatMenu_WithEachItemsShortcutBesideIt(string opener)
    {
        Assert.DoesNotContain("Swap queues", Headless.ScreenText());

        Headless.Press(Openers[opener]);

        var screen = Headless.Screen();
        AssertRow(screen, "Swap queues", "/swap");
        AssertRow(screen, "Re-enter PIN", "/pin");
        AssertRow(screen, "Session info", "/info");
        AssertRow(screen, "Retry failed", "Ctrl+R");
        AssertRow(screen, "Check queues", "/check");
        AssertRow(screen, "Quit", "Ctrl+Q");
        Assert.DoesNotContain("About", string.Join('\n', screen));
        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void AltH_OpensTheHelpMenu_WithEachItemsShortcutBesideIt()
    {
        Headless.Press(Key.H.WithAlt);

        var screen = Headless.Screen();
        AssertRow(screen, "Keys and commands", "F1");
        AssertRow(screen, "About", "/about");
        Assert.DoesNotContain("Swap queues", string.Join('\n', screen));
    }

    [Theory]
    [InlineData("F9")]
    [InlineData("F10")]
    [InlineData("Alt-C")]
    [InlineData("Alt-H")]
    public void Esc_ClosesTheOpenMenuWithoutQuitting(string opener)
    {
        Headless.Press(Openers[opener]);
        Assert.Contains(opener == "Alt-H" ? "Keys and commands" : "Swap queues", Headless.ScreenText());

        Headless.Press(Key.Esc);

        var screen = Headless.ScreenText();
        Assert.DoesNotContain("Swap queues", screen);
        Assert.DoesNotContain("Keys and commands", screen);
        Assert.False(_ui.Window.StopRequested);
        Assert.Same(_ui.Window, _ui.App.TopRunnable);
        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void F9_Again_ClosesTheMenu()
    {
        Headless.Press(Key.F9);
        Assert.Contains("Swap queues", Headless.ScreenText());

        Headless.Press(Key.F9);

        Assert.DoesNotContain("Swap queues", Headless.ScreenText());
        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void MenuClosed_TypingGoesToTheInputLineAgain()
    {
        Headless.Press(Key.F9);
        Headless.Press(Key.Esc);

        Headless.Type("hi");

        Assert.Equal("hi", _ui.Window.Input.Text);
    }

    [Theory]
    [InlineData("F9", 0, "SwapQueues")]
    [InlineData("Alt-C", 0, "SwapQueues")]
    [InlineData("Alt-C", 1, "ReenterPin")]
    [InlineData("Alt-C", 2, "SessionInfo")]
    [InlineData("Alt-C", 3, "RetryFailed")]
    [InlineData("Alt-C", 4, "CheckQueues")]
    [InlineData("Alt-C", 5, "Quit")]
    [InlineData("Alt-H", 0, "ShowKeys")]
    [InlineData("Alt-H", 1, "ShowAbout")]
    public void ArrowsAndEnter_PickAnItem_RaisingItsCommand(string opener, int downs, string command)
    {
        Headless.Press(Openers[opener]);
        for (var i = 0; i < downs; i++)
        {
            Headless.Press(Key.CursorDown);
        }

        Headless.Press(Key.Enter);

        Assert.Equal(Commands[command], Assert.Single(_ui.Commands));
        Assert.DoesNotContain("Swap queues", Headless.ScreenText());
    }

    [Theory]
    [InlineData('s', "SwapQueues")]
    [InlineData('p', "ReenterPin")]
    [InlineData('i', "SessionInfo")]
    [InlineData('r', "RetryFailed")]
    [InlineData('c', "CheckQueues")]
    [InlineData('q', "Quit")]
    public void ChatMenu_UnderlinedLetter_PicksItsItem(char letter, string command)
    {
        Headless.Press(Key.C.WithAlt);

        Headless.Press(new Key(letter));

        Assert.Equal(Commands[command], Assert.Single(_ui.Commands));
    }

    private static void AssertRow(string[] screen, string item, string shortcut) =>
        Assert.Contains(screen, row => row.Contains(item, StringComparison.Ordinal)
            && row.IndexOf(shortcut, row.IndexOf(item, StringComparison.Ordinal) + item.Length, StringComparison.Ordinal) > 0);
}

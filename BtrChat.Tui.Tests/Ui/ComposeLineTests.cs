using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

/// <summary>The input in the chat window, keys injected: history recall, messages of several lines, the size limit.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ComposeLineTests : IDisposable
{
    private readonly RunningWindow _ui = new(new ChatWindow(SecurityMode.Pin, new QueueNames("alice-tx", "bob-rx")));
    private readonly List<string> _notices = [];

    public ComposeLineTests() => Input.Notice += _notices.Add;

    private HeadlessApp Headless => _ui.Headless;

    private ComposeLine Input => _ui.Window.Input;

    public void Dispose() => _ui.Dispose();

    [Fact]
    public void Up_RecallsWhatWasSubmitted_NewestFirst_FailedAndCommandsIncluded()
    {
        Headless.Enter("first");
        Headless.Enter("/info");
        Headless.Enter("third");

        Headless.Press(Key.CursorUp);
        Assert.Equal("third", Input.Text);
        Headless.Press(Key.CursorUp);
        Assert.Equal("/info", Input.Text);
        Headless.Press(Key.CursorUp);
        Assert.Equal("first", Input.Text);
        Headless.Press(Key.CursorUp);
        Assert.Equal("first", Input.Text);
    }

    [Fact]
    public void Down_WalksForward_AndRestoresTheDraftAtTheBottom()
    {
        Headless.Enter("one");
        Headless.Enter("two");
        Headless.Type("half a thought");

        Headless.Press(Key.CursorUp);
        Headless.Press(Key.CursorUp);
        Assert.Equal("one", Input.Text);
        Headless.Press(Key.CursorDown);
        Assert.Equal("two", Input.Text);
        Headless.Press(Key.CursorDown);

        Assert.Equal("half a thought", Input.Text);
    }

    [Fact]
    public void ARecalledLine_SentWithEnter_IsSentAgain()
    {
        Headless.Enter("again");

        Headless.Press(Key.CursorUp);
        Headless.Press(Key.Enter);

        Assert.Equal([new ChatCommand.Send("again"), new ChatCommand.Send("again")], _ui.Commands);
    }

    [Fact]
    public void CtrlP_AndCtrlN_WalkTheHistoryLikeUpAndDown()
    {
        Headless.Enter("earlier");

        Headless.Press(Key.P.WithCtrl);
        Assert.Equal("earlier", Input.Text);
        Headless.Press(Key.N.WithCtrl);

        Assert.Equal(string.Empty, Input.Text);
    }

    [Fact]
    public void AltEnter_StartsANewLine_AndEnterSendsTheWholeMessageWithItsNewlines()
    {
        Headless.Type("first line");
        Headless.Press(Key.Enter.WithAlt);
        Headless.Type("second");
        Headless.Press(Key.J.WithCtrl);
        Headless.Type("third");
        Assert.Empty(_ui.Commands);

        Headless.Press(Key.Enter);

        Assert.Equal(new ChatCommand.Send("first line\nsecond\nthird"), Assert.Single(_ui.Commands));
        Assert.Equal(string.Empty, Input.Text);
    }

    [Fact]
    public void AMessageOfSeveralLines_StartingWithASlash_IsTextNotACommand()
    {
        Headless.Type("/quit");
        Headless.Press(Key.Enter.WithAlt);
        Headless.Type("is what I typed");

        Headless.Press(Key.Enter);

        Assert.Equal(new ChatCommand.Send("/quit\nis what I typed"), Assert.Single(_ui.Commands));
    }

    [Fact]
    public void AMessageOfSeveralLines_IsRecalledWhole()
    {
        Headless.Type("a");
        Headless.Press(Key.Enter.WithAlt);
        Headless.Type("b");
        Headless.Press(Key.Enter);

        Headless.Press(Key.CursorUp);

        Assert.Equal("a\nb", Input.Text);
    }

    [Fact]
    public void Up_InsideAMessageOfSeveralLines_MovesTheCursorFirst_AndRecallsOnlyFromTheTopLine()
    {
        Headless.Enter("older");
        Headless.Type("top");
        Headless.Press(Key.Enter.WithAlt);
        Headless.Type("bottom");

        Headless.Press(Key.CursorUp);
        Assert.Equal("top\nbottom", Input.Text);
        Headless.Press(Key.CursorUp);
        Assert.Equal("older", Input.Text);
        Headless.Press(Key.CursorDown);

        Assert.Equal("top\nbottom", Input.Text);
    }

    [Fact]
    public void TheInput_GrowsWithItsLines_UpToFiveRows_AndRaisesRowsChanged()
    {
        var raised = new List<int>();
        Input.RowsChanged += raised.Add;
        Assert.Equal(1, Input.Rows);

        Headless.Type("1");
        for (var line = 2; line <= 7; line++)
        {
            Headless.Press(Key.Enter.WithAlt);
            Headless.Type($"{line}");
        }

        Assert.Equal(ComposeLine.MaxRows, Input.Rows);
        Assert.Equal(5, Input.Rows);
        Assert.Equal([2, 3, 4, 5], raised);
        Headless.Screen();
        Assert.Equal(5, Input.Frame.Height);

        Headless.Press(Key.Enter);

        Assert.Equal(1, Input.Rows);
        Assert.Equal([2, 3, 4, 5, 1], raised);
    }

    [Fact]
    public void TheCounter_AppearsPast80PercentOfTheLimit_InUtf8Bytes()
    {
        Input.MaxTextBytes = 100;

        Headless.Type(new string('x', 80));
        Assert.Null(Input.CounterText);
        Assert.DoesNotContain("/100", Headless.ScreenText());

        Headless.Type("é");

        Assert.Equal("82/100", Input.CounterText);
        Assert.Contains("82/100", Headless.ScreenText());
    }

    [Fact]
    public void Enter_OverTheLimit_RefusesWithANotice_AndKeepsTheText()
    {
        Input.MaxTextBytes = 10;
        Headless.Type("abcdefghijk");

        Headless.Press(Key.Enter);

        Assert.Empty(_ui.Commands);
        Assert.Equal("Too long to send: 11 bytes, the limit is 10. Shorten it or split it.", Assert.Single(_notices));
        Assert.Equal("abcdefghijk", Input.Text);
        Assert.Equal("11/10", Input.CounterText);

        Headless.Press(Key.Backspace);
        Headless.Press(Key.Enter);

        Assert.Equal(new ChatCommand.Send("abcdefghij"), Assert.Single(_ui.Commands));
    }

    [Fact]
    public void TheLimit_DefaultsToThePinEnvelopes()
    {
        Assert.Equal(EnvelopeCodec.MaxTextBytes, Input.MaxTextBytes);
    }

    [Fact]
    public void Tab_DoesNotPutATabIntoTheMessage()
    {
        Headless.Type("a");
        Headless.Press(Key.Tab);
        Headless.Type("b");

        Assert.DoesNotContain('\t', Input.Text);
    }

    [Fact]
    public void CtrlL_OpensNothing()
    {
        // TextView binds Ctrl-L to a modal colour picker; Esc would close one if it opened.
        var (timedOut, screens) = Headless.DriveModal(() => Headless.Press(Key.L.WithCtrl), [Key.Esc]);

        Assert.False(timedOut);
        Assert.Empty(screens);
    }
}

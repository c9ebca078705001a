using BtrChat.Ui;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace BtrChat.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed class HistoryPaneScrollTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private readonly HistoryPaneScreen _screen = new();

    public HistoryPaneScrollTests()
    {
        for (var i = 0; i < 100; i++)
        {
            _screen.Window.AppendPeer($"row {i:D3}", At);
        }

        _screen.Screen();
    }

    public void Dispose() => _screen.Dispose();

    private string[] Pane => _screen.PaneRows();

    [Fact]
    public void PageUp_ShowsTheRowsAboveAndPageDownComesBack()
    {
        Press(Key.PageUp);

        // 18 rows high: a page is 17, keeping one row of the last page.
        Assert.EndsWith("row 082", Pane[^1]);
        Assert.EndsWith("row 065", Pane[0]);
        Assert.Contains("scrolled up", _screen.Window.BelowText);

        Press(Key.PageDown);

        Assert.EndsWith("row 099", Pane[^1]);
        Assert.Equal(string.Empty, _screen.Window.BelowText);
    }

    [Fact]
    public void AltUpAndAltDown_PageLikePgUpAndPgDn()
    {
        Press(Key.CursorUp.WithAlt);
        Press(Key.CursorUp.WithAlt);
        Assert.EndsWith("row 065", Pane[^1]);

        Press(Key.CursorDown.WithAlt);
        Assert.EndsWith("row 082", Pane[^1]);
    }

    [Fact]
    public void HomeAndEnd_OnAnEmptyInput_GoToTheTopAndTheBottom()
    {
        Press(Key.Home);
        Assert.EndsWith("row 000", Pane[0]);

        Press(Key.End);
        Assert.EndsWith("row 099", Pane[^1]);
    }

    [Fact]
    public void HomeAndEnd_WithTextInTheInput_MoveTheCursorAndLeaveTheHistory()
    {
        _screen.Headless.Type("draft");

        Press(Key.Home);
        _screen.Headless.Type(">");

        Assert.EndsWith("row 099", Pane[^1]);
        Assert.Equal(">draft", _screen.Window.Input.Text);
    }

    [Fact]
    public void CtrlHomeAndCtrlEnd_WithTextInTheInput_StillScroll()
    {
        _screen.Headless.Type("draft");

        Press(Key.Home.WithCtrl);
        Assert.EndsWith("row 000", Pane[0]);

        Press(Key.End.WithCtrl);
        Assert.EndsWith("row 099", Pane[^1]);
        Assert.Equal("draft", _screen.Window.Input.Text);
    }

    [Fact]
    public void MouseWheel_ScrollsTheHistory()
    {
        _screen.Ui.App.InjectMouse(new Mouse { ScreenPosition = new System.Drawing.Point(10, 10), Flags = MouseFlags.WheeledUp });
        _screen.Ui.App.InjectMouse(new Mouse { ScreenPosition = new System.Drawing.Point(10, 10), Flags = MouseFlags.WheeledUp });

        Assert.DoesNotContain("row 099", Pane[^1]);
        Assert.True(_screen.Pane.IsScrolledUp);

        _screen.Ui.App.InjectMouse(new Mouse { ScreenPosition = new System.Drawing.Point(10, 10), Flags = MouseFlags.WheeledDown });
        _screen.Ui.App.InjectMouse(new Mouse { ScreenPosition = new System.Drawing.Point(10, 10), Flags = MouseFlags.WheeledDown });

        Assert.EndsWith("row 099", Pane[^1]);
        Assert.False(_screen.Pane.IsScrolledUp);
    }

    [Fact]
    public void NewMessages_WhileScrolledUp_DoNotMoveTheViewAndAreCountedBelow()
    {
        Press(Key.PageUp);
        var before = Pane;

        _screen.Window.AppendPeer("news 1", At);
        _screen.Window.AppendNotice("a notice", At);
        _screen.Window.AppendPeer("news 2", At);

        Assert.Equal(before, Pane);
        Assert.Equal(2, _screen.Pane.NewBelow);
        Assert.Equal("2 new below: Ctrl-End ", _screen.Window.BelowText);
        Assert.Contains("2 new below: Ctrl-End", _screen.Screen()[^3]);
    }

    [Fact]
    public void BackAtTheBottom_TheCountGoesAndTheNewMessagesLineMarksWhereTheyStart()
    {
        Press(Key.PageUp);
        _screen.Window.AppendPeer("news 1", At);
        _screen.Window.AppendPeer("news 2", At);

        Press(Key.End.WithCtrl);

        Assert.Equal(string.Empty, _screen.Window.BelowText);
        Assert.DoesNotContain("new below", _screen.Screen()[^3]);
        var pane = Pane;
        Assert.EndsWith("news 2", pane[^1]);
        Assert.EndsWith("news 1", pane[^2]);
        Assert.Equal(HistoryStyle.UnreadLine, pane[^3].Trim());
        Assert.EndsWith("row 099", pane[^4]);
    }

    [Fact]
    public void NewMessagesLine_GoesWhenYouSendAMessage()
    {
        Press(Key.PageUp);
        _screen.Window.AppendPeer("news", At);
        Press(Key.End.WithCtrl);

        _screen.Window.AppendOwn(1, "reply", At);

        Assert.DoesNotContain(_screen.Window.History.Rows, r => r.Contains(HistoryStyle.UnreadLine, StringComparison.Ordinal));
        Assert.EndsWith("<you> reply", Pane[^1]);
    }

    [Fact]
    public void NewMessagesLine_MovesToTheNextUnreadAfterYouHadCaughtUp()
    {
        Press(Key.PageUp);
        _screen.Window.AppendPeer("first news", At);
        Press(Key.End.WithCtrl);
        Press(Key.PageUp);

        _screen.Window.AppendPeer("second news", At);

        var rows = _screen.Window.History.Rows;
        var line = Assert.Single(rows.Select((r, i) => (r, i)), x => x.r.Contains(HistoryStyle.UnreadLine, StringComparison.Ordinal));
        Assert.EndsWith("second news", rows[line.i + 1]);
    }

    [Fact]
    public void WhileFollowing_NewMessagesShowAtTheBottomWithNoCountAndNoLine()
    {
        _screen.Window.AppendPeer("live", At);

        Assert.EndsWith("live", Pane[^1]);
        Assert.Equal(string.Empty, _screen.Window.BelowText);
        Assert.DoesNotContain(_screen.Window.History.Rows, r => r.Contains(HistoryStyle.UnreadLine, StringComparison.Ordinal));
    }

    [Fact]
    public void Resize_WhileScrolledUp_KeepsTheTopEntryInView()
    {
        Press(Key.PageUp);
        Press(Key.PageUp);
        var top = Pane[0];

        _screen.Resize(60, 30);

        Assert.Equal(top, Pane[0]);
        Assert.True(_screen.Pane.IsScrolledUp);
    }

    [Fact]
    public void Resize_WhileFollowing_StaysAtTheBottom()
    {
        _screen.Resize(60, 14);

        Assert.EndsWith("row 099", Pane[^1]);
        Assert.False(_screen.Pane.IsScrolledUp);
    }

    private void Press(Key key) => _screen.Headless.Press(key);
}

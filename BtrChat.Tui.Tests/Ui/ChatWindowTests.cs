using System.Globalization;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed class ChatWindowTests : IDisposable
{
    private static readonly QueueNames Queues = new("alice-tx", "bob-rx");
    private static readonly DateTimeOffset At = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private static readonly Dictionary<string, ChatCommand> TypedCommands = new()
    {
        ["/swap"] = new ChatCommand.SwapQueues(),
        ["/quit"] = new ChatCommand.Quit(),
        ["/exit"] = new ChatCommand.Quit(),
        ["/help"] = new ChatCommand.ShowHelp(),
        ["/pin"] = new ChatCommand.ReenterPin(),
        ["//x"] = new ChatCommand.Send("/x"),
        ["/bogus"] = new ChatCommand.Unknown("/bogus"),
    };

    private readonly RunningWindow _ui = new(new ChatWindow(SecurityMode.Legacy, Queues));

    private HeadlessApp Headless => _ui.Headless;

    private ChatWindow Window => _ui.Window;

    public static TheoryData<string> TypedCommandLines => [.. TypedCommands.Keys];

    public void Dispose() => _ui.Dispose();

    [Fact]
    public void Enter_AfterTypingText_RaisesSendWithTheTextAndClearsTheInput()
    {
        Headless.Type("hello");
        Assert.Equal("hello", Window.Input.Text);

        Headless.Press(Key.Enter);

        Assert.Equal(new ChatCommand.Send("hello"), Assert.Single(_ui.Commands));
        Assert.Equal(string.Empty, Window.Input.Text);
    }

    [Fact]
    public void AppendOwn_ShowsTheTextUnderTheYouTagWithTheLocalTime()
    {
        Headless.Enter("hello");

        Window.AppendOwn(1, "hello", At);

        Assert.Contains($"{Stamp(At)} ~<you> hello", Headless.ScreenText());
    }

    [Fact]
    public void OwnMessage_SentInLegacyMode_StaysSentBecauseTheOriginalSendsNoReceipts()
    {
        Window.AppendOwn(7, "tracked", At);

        Window.MarkSent(7);
        Window.MarkDelivered(7);

        Assert.Contains($"{Stamp(At)} .<you> tracked", Headless.ScreenText());
    }

    [Fact]
    public void OwnMessage_Failed_IsMarkedAndTheReasonShown()
    {
        Window.AppendOwn(3, "doomed", At);

        Window.MarkFailed(3, "cannot reach the SQS endpoint", At);

        var screen = Headless.ScreenText();
        Assert.Contains($"{Stamp(At)} !<you> doomed", screen);
        Assert.Contains("cannot reach the SQS endpoint", screen);
    }

    [Theory]
    [MemberData(nameof(TypedCommandLines))]
    public void Enter_OnATypedCommand_RaisesThatCommand(string line)
    {
        Headless.Enter(line);

        Assert.Equal(TypedCommands[line], Assert.Single(_ui.Commands));
        Assert.Equal(string.Empty, Window.Input.Text);
    }

    [Fact]
    public void Enter_OnABlankLine_RaisesNothing()
    {
        Headless.Enter("   ");

        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void CtrlD_OnAnEmptyInput_RaisesQuit()
    {
        Headless.Press(Key.D.WithCtrl);

        Assert.Equal(new ChatCommand.Quit(), Assert.Single(_ui.Commands));
    }

    [Fact]
    public void CtrlD_WithTextInTheInput_DeletesTheCharacterRightOfTheCursorAndDoesNotQuit()
    {
        Headless.Type("ab");
        Headless.Press(Key.Home);

        Headless.Press(Key.D.WithCtrl);

        Assert.Equal("b", Window.Input.Text);
        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void CtrlQ_RaisesQuit()
    {
        Headless.Press(Key.Q.WithCtrl);

        Assert.Equal(new ChatCommand.Quit(), Assert.Single(_ui.Commands));
    }

    [Fact]
    public void Esc_WithTheProductsKeyBindings_NeitherStopsTheWindowNorRaisesACommand()
    {
        Headless.Type("draft");

        Headless.Press(Key.Esc);

        Assert.False(Window.StopRequested);
        Assert.True(Window.IsRunning);
        Assert.Same(Window, _ui.App.TopRunnable);
        Assert.Empty(_ui.Commands);
        Assert.Equal("draft", Window.Input.Text);
    }

    [Fact]
    public void F10_OpensTheChatMenu()
    {
        Assert.DoesNotContain("Swap queues", Headless.ScreenText());

        Headless.Press(Key.F10);

        var screen = Headless.ScreenText();
        Assert.Contains("Swap queues", screen);
        Assert.Contains("Re-enter PIN", screen);
    }

    [Fact]
    public void Esc_InTheOpenMenu_ClosesItWithoutQuitting()
    {
        Headless.Press(Key.F10);

        Headless.Press(Key.Esc);

        // README: "Esc closes a menu or dialog; never quits". With the key bindings TerminalChat sets (Quit on
        // Ctrl-Q only) Esc no longer reaches the menu, which stays open.
        Assert.DoesNotContain("Swap queues", Headless.ScreenText());
        Assert.False(Window.StopRequested);
        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void Menu_SwapQueues_RaisesSwapQueues()
    {
        Headless.Press(Key.F10);
        Headless.Press(Key.Enter);

        Assert.Equal(new ChatCommand.SwapQueues(), Assert.Single(_ui.Commands));
    }

    [Fact]
    public void AppendPeer_ShowsTheTextUnderThePeerTagWithTheSendersTime()
    {
        Window.AppendPeer("hi there", At);

        Assert.Contains($"{Stamp(At)}  <peer> hi there", Headless.ScreenText());
    }

    [Fact]
    public void AppendNotice_ShowsTheTextUnderTheNoticeTag()
    {
        Window.AppendNotice("something happened", At);

        Assert.Contains($"{Stamp(At)} -!- something happened", Headless.ScreenText());
    }

    [Fact]
    public void AppendPeer_WithAnEscapeSequence_ShowsItAsCaretNotationInsteadOfSendingIt()
    {
        Window.AppendPeer("\u001b]0;pwned\u0007 and \u001b[2J", At);

        var screen = Headless.ScreenText();
        Assert.Contains("<peer> ^[]0;pwned^G and ^[[2J", screen);
        Assert.DoesNotContain('\u001b', screen);
        Assert.DoesNotContain('\u0007', screen);
        Assert.DoesNotContain('\u001b', Window.History.Rows[^1]);
    }

    [Fact]
    public void AppendPeer_WithSeveralLines_ShowsEachLineOnItsOwnRowIndentedUnderTheFirst()
    {
        Window.AppendPeer("first line\r\nsecond line\nthird line", At);

        Assert.Equal(3, Window.History.Count);
        var screen = Headless.Screen();
        var first = Array.FindIndex(screen, row => row.Contains("<peer> first line", StringComparison.Ordinal));
        Assert.True(first >= 0, "the first line is not on screen");
        var column = screen[first].IndexOf("first line", StringComparison.Ordinal);
        Assert.Equal(column, screen[first + 1].IndexOf("second line", StringComparison.Ordinal));
        Assert.Equal(column, screen[first + 2].IndexOf("third line", StringComparison.Ordinal));
        Assert.DoesNotContain("<peer>", screen[first + 1]);
        Assert.DoesNotContain("^M", string.Join('\n', screen));
    }

    [Fact]
    public void AppendPeer_WiderThanThePane_WrapsSoNoTextIsCutOff()
    {
        var words = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i:D2}"));

        Window.AppendPeer(words, At);

        Assert.True(Window.History.Count > 1, "a 159-character message fits no 78-column row");
        var screen = Headless.ScreenText();
        Assert.Contains("<peer> w00 w01", screen);
        Assert.Contains("w39", screen);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"w{i:D2}", screen));
    }

    [Fact]
    public void StatusBar_ShowsTheModeTheQueuesAndConnectingAtFirst()
    {
        var statusRow = Headless.Screen()[^1];

        Assert.Contains("LEGACY (insecure)", statusRow);
        Assert.Contains("alice-tx > bob-rx", statusRow);
        Assert.Contains("connecting", statusRow);
    }

    [Fact]
    public void SetConnection_Online_ShowsOnlineInTheStatusBar()
    {
        Window.SetConnection(ConnectionStatus.Online);

        var statusRow = Headless.Screen()[^1];
        Assert.Contains("online", statusRow);
        Assert.DoesNotContain("connecting", statusRow);
        Assert.Contains("LEGACY (insecure)", statusRow);
        Assert.Contains("alice-tx > bob-rx", statusRow);
        Assert.Contains("online", Window.StatusText);
    }

    [Fact]
    public void SetQueues_ShowsTheNewQueuesInTheStatusBar()
    {
        Window.SetQueues(Queues.Swapped());

        Assert.Contains("bob-rx > alice-tx", Headless.Screen()[^1]);
    }

    [Fact]
    public void MarkFailed_ShowsTheReasonAndHowToRetry()
    {
        Window.AppendOwn(7, "lost", At);

        Window.MarkFailed(7, "queue does not exist", At);

        var screen = Headless.ScreenText();
        Assert.Contains("-!- Not sent: queue does not exist. /retry or Ctrl-R sends it again.", screen);
        Assert.Contains("!<you> lost", screen);
    }

    [Fact]
    public void MarkFailed_CannotBeRetried_OffersNoRetry()
    {
        Window.AppendOwn(8, "far too long", At);

        Window.MarkFailed(8, "too long", At, canRetry: false);

        var screen = Headless.ScreenText();
        Assert.Contains("-!- Not sent: too long.", screen);
        Assert.DoesNotContain("/retry", screen);
        Assert.Contains("!<you> far too long", screen);
    }

    [Fact]
    public void MarkPending_AfterFailed_ShowsTheMessagePendingAgainAndItCanStillBeSent()
    {
        Window.AppendOwn(7, "again", At);
        Window.MarkFailed(7, "queue does not exist", At);

        Window.MarkPending(7);
        Assert.Contains("~<you> again", Headless.ScreenText());

        Window.MarkSent(7);
        Assert.Contains(".<you> again", Headless.ScreenText());
    }

    [Fact]
    public void AppendNotice_SameNoticeInARow_IsCountedOnOneRow()
    {
        Window.AppendNotice("Deleted a message.", At);
        Window.AppendNotice("Deleted a message.", At);
        Window.AppendNotice("Deleted a message.", At);
        Window.AppendNotice("Something else.", At);
        Window.AppendNotice("Deleted a message.", At);

        var rows = Window.History.Rows.Where(r => r.Contains("-!-", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.EndsWith("-!- Deleted a message. (x3)", rows[0], StringComparison.Ordinal);
        Assert.EndsWith("-!- Something else.", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("-!- Deleted a message.", rows[2], StringComparison.Ordinal);
    }

    [Fact]
    public void AppendRejected_MixedReasonsInARun_CountedOnARowPerReason_AMessageEndsTheRun()
    {
        foreach (var reason in Enumerable.Repeat(new[] { RejectReason.NotAToken, RejectReason.WrongKey }, 3).SelectMany(r => r))
        {
            Window.AppendRejected(reason, At);
        }

        Window.AppendPeer("real", At);
        Window.AppendRejected(RejectReason.NotAToken, At);

        var rows = Window.History.Rows.Where(r => r.Contains("-!-", StringComparison.Ordinal) || r.Contains("real", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.EndsWith($"-!- {Notices.Rejected(RejectReason.NotAToken)} (x3)", rows[0], StringComparison.Ordinal);
        Assert.EndsWith($"-!- {Notices.Rejected(RejectReason.WrongKey)} (x3)", rows[1], StringComparison.Ordinal);
        Assert.EndsWith("real", rows[2], StringComparison.Ordinal);
        Assert.EndsWith($"-!- {Notices.Rejected(RejectReason.NotAToken)}", rows[3], StringComparison.Ordinal);
    }

    [Fact]
    public void AppendPeer_LateArrivals_GoWhereTheyWereMissingInSequenceOrder_AndTheMarkerCountsDownThenGoes()
    {
        var gap = new GapId(1, 2);
        Window.AppendPeer("one", At);
        Window.AppendOwn(9, "mine, typed meanwhile", At);
        Window.AppendMissing(2, gap, At);
        Window.AppendPeer("four", At);

        Window.AppendPeer("three", At, new LateArrival(gap, 3));
        Assert.Equal(
            ["<peer> one", "<you> mine, typed meanwhile", "<peer> three", "1 message from the peer is missing here.", "<peer> four"],
            Window.History.Rows.Select(r => r[6..].TrimStart('~', ' ')).ToArray()[^5..].Select(Tail));
        Window.AppendPeer("two", At, new LateArrival(gap, 2));
        Window.MarkSent(9);

        Assert.Equal(
            ["<peer> one", "<you> mine, typed meanwhile", "<peer> two", "<peer> three", "<peer> four"],
            Window.History.Rows.Select(r => r[6..].TrimStart('~', '.', ' ')).ToArray()[^5..].Select(Tail));
        Assert.Contains(".<you> mine, typed meanwhile", Headless.ScreenText());

        static string Tail(string row) => row.StartsWith("-!- ", StringComparison.Ordinal) ? row[4..] : row;
    }

    [Fact]
    public void History_AfterManyRows_KeepsTheNewestRowOnScreen()
    {
        Headless.Screen();

        for (var i = 0; i < 100; i++)
        {
            Window.AppendPeer($"row {i:D3}", At);
        }

        var screen = Headless.ScreenText();
        Assert.Contains("row 099", screen);
        Assert.DoesNotContain("row 000", screen);
        Assert.Equal(100, Window.History.Count);
    }

    [Fact]
    public void History_AfterManyRows_FillsThePaneUpToTheNewestRow()
    {
        Headless.Screen();

        for (var i = 0; i < 100; i++)
        {
            Window.AppendPeer($"row {i:D3}", At);
        }

        // The pane is 18 rows high at 80x24 (menu, border, pane, border, blank, prompt, status): rows 82..99 show.
        var screen = Headless.Screen();
        Assert.Contains(screen, row => row.Contains("row 082", StringComparison.Ordinal));
        Assert.DoesNotContain(screen, row => row.Contains("row 081", StringComparison.Ordinal));
        var newest = Array.FindIndex(screen, row => row.Contains("row 099", StringComparison.Ordinal));
        Assert.Equal('└', screen[newest + 1].TrimStart()[0]);
    }

    private static string Stamp(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);
}

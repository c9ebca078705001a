using System.Globalization;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Ui;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed class HistoryPaneViewTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);
    private static readonly string Words = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i:D2}"));

    private readonly HistoryPaneScreen _screen = new();

    public void Dispose() => _screen.Dispose();

    private string[] Pane => [.. _screen.PaneRows().Where(r => r.Length > 0)];

    [Fact]
    public void F2_IssuesToggleTimestampsOnce()
    {
        _screen.Headless.Press(Key.F2);

        Assert.Equal(new ChatCommand.ToggleTimestamps(), Assert.Single(_screen.Ui.Commands));
    }

    [Fact]
    public void F3_IssuesToggleCompactOnce()
    {
        _screen.Headless.Press(Key.F3);

        Assert.Equal(new ChatCommand.ToggleCompact(), Assert.Single(_screen.Ui.Commands));
    }

    [Fact]
    public void ViewMenu_ShowsBothOptionsWithTheirKeys()
    {
        _screen.Headless.Press(Key.F10);
        _screen.Headless.Press(Key.CursorRight);

        var screen = _screen.ScreenText();
        Assert.Matches("Timestamps on/off +F2", screen);
        Assert.Matches("Compact on/off +F3", screen);
    }

    [Fact]
    public void ViewMenu_Compact_IssuesToggleCompact()
    {
        _screen.Headless.Press(Key.F10);
        _screen.Headless.Press(Key.CursorRight);
        _screen.Headless.Press(Key.CursorDown);
        _screen.Headless.Press(Key.Enter);

        Assert.Equal(new ChatCommand.ToggleCompact(), Assert.Single(_screen.Ui.Commands));
    }

    [Fact]
    public void ToggleTimestamps_HidesAndShowsTheTimeOnEveryRow()
    {
        _screen.Window.AppendOwn(1, "mine", At);
        _screen.Window.AppendPeer("theirs", At);
        _screen.Window.AppendNotice("news", At);

        _screen.Pane.ToggleTimestamps();

        Assert.Equal(["~<you> mine", "<peer> theirs", "-!- news"], Pane.Select(r => r.Trim()));
        Assert.DoesNotContain(Stamp(At), _screen.ScreenText());

        _screen.Pane.ToggleTimestamps();

        Assert.Equal([$"{Stamp(At)} ~<you> mine", $"{Stamp(At)}  <peer> theirs", $"{Stamp(At)} -!- news"], Pane);
    }

    [Fact]
    public void ToggleCompact_UsesShortTagsAndATwoColumnIndent()
    {
        _screen.Window.AppendOwn(1, "mine", At);
        _screen.Window.AppendPeer(Words, At);
        _screen.Window.AppendNotice("news", At);
        var normalRows = _screen.Window.History.Count;

        _screen.Pane.ToggleCompact();

        var pane = Pane;
        Assert.Equal($"{Stamp(At)} ~> mine", pane[0]);
        Assert.StartsWith($"{Stamp(At)}  < w00", pane[1]);
        Assert.StartsWith("  w", pane[2]);
        Assert.Equal($"{Stamp(At)}  * news", pane[^1]);
        Assert.True(_screen.Window.History.Count <= normalRows);

        _screen.Pane.ToggleCompact();

        Assert.Equal($"{Stamp(At)} ~<you> mine", Pane[0]);
    }

    [Fact]
    public void MarkDelivered_InCompactModeWithoutTimestamps_ChangesTheMarkInPlace()
    {
        using var secure = new HistoryPaneScreen(mode: SecurityMode.Pin);
        secure.Pane.ToggleCompact();
        secure.Pane.ToggleTimestamps();
        secure.Window.AppendOwn(5, "ok?", At);

        secure.Window.MarkSent(5);
        Assert.Contains(".> ok?", secure.ScreenText());

        secure.Window.MarkDelivered(5);
        Assert.Contains("+> ok?", secure.ScreenText());
    }

    private static string Stamp(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);
}

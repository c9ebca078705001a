using System.Globalization;
using BtrChat.Protocol;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed class HistoryPaneLayoutTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);
    private static readonly string Words = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"w{i:D2}"));

    private readonly HistoryPaneScreen _screen = new();

    public void Dispose() => _screen.Dispose();

    [Fact]
    public void Resize_Narrower_RewrapsEveryEntryWithTheHangingIndent()
    {
        _screen.Window.AppendPeer(Words, At);
        var wideRows = _screen.Window.History.Count;

        _screen.Resize(40, 24);

        Assert.True(_screen.Window.History.Count > wideRows, $"{wideRows} rows at 80 columns, {_screen.Window.History.Count} at 40");
        var rows = _screen.PaneRows().Where(r => r.Length > 0).ToArray();
        var first = Array.FindIndex(rows, r => r.Contains("<peer> w00", StringComparison.Ordinal));
        var column = rows[first].IndexOf("w00", StringComparison.Ordinal);
        Assert.All(rows[(first + 1)..], r => Assert.Equal(column, r.Length - r.TrimStart().Length));
        Assert.All(_screen.Window.History.Rows, r => Assert.True(r.Length <= 38, $"row wider than the pane: '{r}'"));
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"w{i:D2}", string.Join('\n', rows)));
    }

    [Fact]
    public void Resize_Wider_JoinsTheRowsAgain()
    {
        _screen.Resize(40, 24);
        _screen.Window.AppendPeer(Words, At);
        Assert.True(_screen.Window.History.Count >= 5);

        _screen.Resize(200, 60);

        Assert.Equal(1, _screen.Window.History.Count);
        Assert.Contains($"{Stamp(At)}  <peer> {Words}", _screen.ScreenText());
    }

    [Fact]
    public void At80x24_TheMenuPaneInputAndStatusBarHaveTheirRows()
    {
        AssertLayout(80, 24);
    }

    [Fact]
    public void At200x60_TheMenuPaneInputAndStatusBarHaveTheirRows()
    {
        _screen.Resize(200, 60);

        AssertLayout(200, 60);
    }

    [Fact]
    public void MarkSent_AfterAResize_ChangesTheMarkOfTheRewrappedMessage()
    {
        _screen.Window.AppendOwn(4, Words, At);
        _screen.Resize(50, 24);

        _screen.Window.MarkSent(4);

        Assert.Contains($"{Stamp(At)} .<you> w00", _screen.ScreenText());
        Assert.DoesNotContain("~<you>", _screen.ScreenText());
    }

    [Fact]
    public void LateArrival_AfterAResize_StillGoesWhereItWasMissing()
    {
        var gap = new GapId(1, 2);
        _screen.Window.AppendPeer("one", At);
        _screen.Window.AppendMissing(1, gap, At);
        _screen.Window.AppendPeer("three", At);
        _screen.Resize(60, 30);

        _screen.Window.AppendPeer("two", At, new LateArrival(gap, 2));

        Assert.Equal(["one", "two", "three"], _screen.Window.History.Rows.Select(r => r.Split("<peer> ")[^1]));
    }

    [Fact]
    public void DayChange_BetweenEntries_ShowsTheNewDateOnASeparatorRow()
    {
        var late = new DateTimeOffset(new DateTime(2026, 11, 26, 23, 58, 0, DateTimeKind.Local));
        var early = new DateTimeOffset(new DateTime(2026, 11, 27, 0, 2, 0, DateTimeKind.Local));
        _screen.Window.AppendPeer("before midnight", late);
        _screen.Window.AppendPeer("same day", late.AddMinutes(1));

        _screen.Window.AppendPeer("after midnight", early);

        var rows = _screen.PaneRows().Where(r => r.Length > 0).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.Contains("same day", rows[1]);
        Assert.Equal("--- Friday 27 November 2026 ---", rows[2].Trim());
        Assert.Contains("after midnight", rows[3]);
    }

    private void AssertLayout(int columns, int rows)
    {
        for (var i = 0; i < 200; i++)
        {
            _screen.Window.AppendPeer($"row {i:D3}", At);
        }

        var screen = _screen.Screen();
        Assert.Equal(rows, screen.Length);
        Assert.All(screen, r => Assert.True(r.Length <= columns));
        Assert.Contains("Chat", screen[0]);
        Assert.StartsWith("┌", screen[1].TrimStart());
        Assert.StartsWith("└", screen[rows - 4].TrimStart());
        Assert.Contains("row 199", screen[rows - 5]);
        Assert.Contains($"row {200 - (rows - 6):D3}", screen[2]);
        Assert.StartsWith(">", screen[rows - 2]);
        Assert.Contains("LEGACY", screen[rows - 1]);
    }

    private static string Stamp(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);
}

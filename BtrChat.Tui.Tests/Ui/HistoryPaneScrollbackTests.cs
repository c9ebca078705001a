using BtrChat.Protocol;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

[Collection(TerminalGuiCollection.Name)]
public sealed class HistoryPaneScrollbackTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2025, 3, 14, 15, 9, 26, TimeSpan.Zero);

    private readonly HistoryPaneScreen _screen = new();

    public void Dispose() => _screen.Dispose();

    [Fact]
    public void ManyRows_KeepOnlyTheScrollbackAndTheNewestOnScreen()
    {
        _screen.Window.Scrollback = 1_000;

        for (var i = 0; i < 50_000; i++)
        {
            _screen.Window.AppendPeer($"row {i:D5}", At);
        }

        Assert.InRange(_screen.Window.History.Count, 990, 1_000);
        Assert.InRange(_screen.Pane.Entries.Count, 990, 1_000);
        Assert.EndsWith("row 49999", _screen.Window.History.Rows[^1]);
        Assert.EndsWith("row 49000", _screen.Window.History.Rows[0]);
        Assert.EndsWith("row 49999", _screen.PaneRows()[^1]);
    }

    [Fact]
    public void Scrollback_BelowTheMinimum_KeepsTheMinimum()
    {
        _screen.Window.Scrollback = 5;

        for (var i = 0; i < 300; i++)
        {
            _screen.Window.AppendPeer($"row {i:D3}", At);
        }

        Assert.Equal(HistoryPane.MinimumScrollback, _screen.Window.Scrollback);
        Assert.Equal(HistoryPane.MinimumScrollback, _screen.Window.History.Count);
    }

    [Fact]
    public void DroppedEntries_IgnoreLateMarksAndFills_AndNewerOnesStillChange()
    {
        _screen.Window.Scrollback = HistoryPane.MinimumScrollback;
        var gap = new GapId(1, 2);
        _screen.Window.AppendOwn(1, "old mine", At);
        _screen.Window.AppendMissing(1, gap, At);
        for (var i = 0; i < 150; i++)
        {
            _screen.Window.AppendPeer($"row {i:D3}", At);
        }

        _screen.Window.AppendOwn(2, "new mine", At);

        _screen.Window.MarkSent(1);
        _screen.Window.AppendPeer("late", At, new LateArrival(gap, 2));
        _screen.Window.MarkSent(2);

        Assert.DoesNotContain(_screen.Window.History.Rows, r => r.Contains("old mine", StringComparison.Ordinal));
        Assert.EndsWith("<peer> late", _screen.Window.History.Rows[^1]);
        Assert.EndsWith(".<you> new mine", _screen.Window.History.Rows[^2]);
        Assert.Equal(HistoryPane.MinimumScrollback, _screen.Window.History.Count);
    }

    [Fact]
    public void Trimming_WhileScrolledUp_KeepsTheSameRowsInView()
    {
        _screen.Window.Scrollback = HistoryPane.MinimumScrollback;
        for (var i = 0; i < 100; i++)
        {
            _screen.Window.AppendPeer($"row {i:D3}", At);
        }

        _screen.Pane.ScrollPages(-1);
        var before = _screen.PaneRows();

        for (var i = 0; i < 20; i++)
        {
            _screen.Window.AppendPeer($"more {i}", At);
        }

        Assert.Equal(before, _screen.PaneRows());
        Assert.Equal(20, _screen.Pane.NewBelow);
    }
}

using System.Collections.Specialized;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

public sealed class HistorySourceTests
{
    [Fact]
    public void Add_RaisesCollectionChangedWithTheAddActionTheRowAndItsIndex()
    {
        var source = new HistorySource();
        var events = new List<NotifyCollectionChangedEventArgs>();
        source.CollectionChanged += (_, e) => events.Add(e);

        source.Add("first");
        source.Add("second");

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(NotifyCollectionChangedAction.Add, e.Action));
        Assert.Equal([0, 1], events.Select(e => e.NewStartingIndex));
        Assert.Equal("second", Assert.Single(events[1].NewItems!.Cast<string>()));
    }

    [Fact]
    public void Add_WhileEventsAreSuspended_RaisesNothingButStillAdds()
    {
        var source = new HistorySource { SuspendCollectionChangedEvent = true };
        var raised = 0;
        source.CollectionChanged += (_, _) => raised++;

        source.Add("quiet");

        Assert.Equal(0, raised);
        Assert.Equal(1, source.Count);
    }

    [Fact]
    public void Count_FollowsTheRowsAdded()
    {
        var source = new HistorySource();
        Assert.Equal(0, source.Count);

        source.Add("a");
        source.Add("b");
        source.Add("c");

        Assert.Equal(3, source.Count);
        Assert.Equal(["a", "b", "c"], source.Rows);
        Assert.Equal(["a", "b", "c"], source.ToList().Cast<string>());
    }

    [Fact]
    public void MaxItemLength_IsTheWidestRowSoFarInColumns()
    {
        var source = new HistorySource();
        Assert.Equal(0, source.MaxItemLength);

        source.Add("12345");
        Assert.Equal(5, source.MaxItemLength);

        source.Add("12");
        Assert.Equal(5, source.MaxItemLength);

        // Each of these CJK characters takes two terminal columns.
        source.Add("你好你好");
        Assert.Equal(8, source.MaxItemLength);
    }

    [Fact]
    public void IsMarked_IsAlwaysFalse()
    {
        var source = new HistorySource();
        source.Add("row");

        source.SetMark(0, true);

        Assert.False(source.IsMarked(0));
    }
}

using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>The recall list behind Up and Down, without a terminal.</summary>
public sealed class ComposeLineHistoryTests
{
    [Fact]
    public void Previous_WalksBackFromTheNewest_AndStopsAtTheOldest()
    {
        var history = Filled("one", "two", "three");

        Assert.Equal("three", history.Previous("draft"));
        Assert.Equal("two", history.Previous("three"));
        Assert.Equal("one", history.Previous("two"));
        Assert.Null(history.Previous("one"));
    }

    [Fact]
    public void Next_WalksForward_AndGivesBackTheDraftAtTheBottom()
    {
        var history = Filled("one", "two");
        history.Previous("half-typed");
        history.Previous("two");

        Assert.Equal("two", history.Next());
        Assert.Equal("half-typed", history.Next());
        Assert.Null(history.Next());
    }

    [Fact]
    public void Next_WhenNotWalking_GivesNothing()
    {
        Assert.Null(Filled("one").Next());
    }

    [Fact]
    public void Add_EndsTheWalk_SoTheNextPreviousStartsFromTheNewest()
    {
        var history = Filled("one", "two");
        history.Previous(string.Empty);
        history.Previous("two");

        history.Add("three");

        Assert.Equal("three", history.Previous(string.Empty));
    }

    [Fact]
    public void Add_KeepsOnlyTheNewestEntries_UpToTheCapacity()
    {
        var history = new InputHistory(capacity: 3);
        foreach (var line in new[] { "1", "2", "3", "4", "5" })
        {
            history.Add(line);
        }

        Assert.Equal(3, history.Count);
        Assert.Equal(["5", "4", "3"], Walk(history));
    }

    [Fact]
    public void DefaultCapacity_Is500Lines()
    {
        var history = new InputHistory();
        for (var i = 0; i < 600; i++)
        {
            history.Add($"line {i}");
        }

        Assert.Equal(InputHistory.DefaultCapacity, history.Count);
        Assert.Equal(500, history.Count);
        Assert.Equal("line 100", Walk(history)[^1]);
    }

    [Fact]
    public void Add_SkipsBlankLinesAndARepeatOfTheNewest_ButKeepsOlderRepeats()
    {
        var history = Filled("a", "a", "  ", "b", "a");

        Assert.Equal(["a", "b", "a"], Walk(history));
    }

    [Fact]
    public void Entries_WithSeveralLines_AreKeptWhole()
    {
        var history = Filled("first\nsecond");

        Assert.Equal("first\nsecond", history.Previous(string.Empty));
    }

    private static InputHistory Filled(params string[] lines)
    {
        var history = new InputHistory();
        foreach (var line in lines)
        {
            history.Add(line);
        }

        return history;
    }

    /// <summary>Every entry, newest first.</summary>
    private static List<string> Walk(InputHistory history)
    {
        var seen = new List<string>();
        while (history.Previous(string.Empty) is { } entry)
        {
            seen.Add(entry);
        }

        return seen;
    }
}

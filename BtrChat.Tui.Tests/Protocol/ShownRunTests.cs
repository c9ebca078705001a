using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

public sealed class ShownRunTests
{
    [Fact]
    public void Through_StopsBeforeTheFirstSequenceNotShown_UntilItIs()
    {
        var run = new ShownRun();
        run.Add(1);
        run.Add(3);
        run.Add(4);
        Assert.Equal(1UL, run.Through);

        run.Add(2);

        Assert.Equal(4UL, run.Through);
    }

    [Fact]
    public void Through_NothingShown_IsZero_AndRepeatsChangeNothing()
    {
        var run = new ShownRun();
        Assert.Equal(0UL, run.Through);

        run.Add(2);
        run.Add(2);
        run.Add(1);
        run.Add(1);

        Assert.Equal(2UL, run.Through);
    }
}

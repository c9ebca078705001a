using BtrChat.Chat;
using BtrChat.Protocol;

namespace BtrChat.Tests.Chat;

public sealed class RejectionRunTests
{
    [Fact]
    public void MixedFlood_FindsOneRowPerReasonWhateverTheOrder()
    {
        var run = new RejectionRun<string>();
        var rows = new List<string>();
        var reasons = new[] { RejectReason.NotAToken, RejectReason.WrongKey, RejectReason.NotAToken, RejectReason.BadHandshake, RejectReason.WrongKey };

        foreach (var reason in Enumerable.Range(0, 1000).Select(i => reasons[i % reasons.Length]))
        {
            if (!run.TryFind(reason, out _))
            {
                var row = $"row for {reason}";
                rows.Add(row);
                run.Started(reason, row);
            }
        }

        Assert.Equal(["row for NotAToken", "row for WrongKey", "row for BadHandshake"], rows);
    }

    [Fact]
    public void End_SomethingElseWasShown_TheNextRejectionStartsANewRow()
    {
        var run = new RejectionRun<string>();
        run.Started(RejectReason.NotAToken, "first");

        run.End();

        Assert.False(run.TryFind(RejectReason.NotAToken, out _));
    }

    [Fact]
    public void Forget_ARowOfTheRun_EndsTheRun_AnotherRowDoesNot()
    {
        var run = new RejectionRun<string>();
        run.Started(RejectReason.NotAToken, "junk");
        run.Started(RejectReason.WrongKey, "forged");

        run.Forget("unrelated");
        Assert.True(run.TryFind(RejectReason.WrongKey, out var kept));
        Assert.Equal("forged", kept);

        run.Forget("junk");
        Assert.False(run.TryFind(RejectReason.WrongKey, out _));
    }
}

using BtrChat.Chat;
using BtrChat.Protocol;

namespace BtrChat.Tests.Chat;

public sealed class NoticesTests
{
    public static TheoryData<string> FixedNotices()
    {
        var data = new TheoryData<string> { Notices.LegacyWarning, Notices.PinChanged(SecurityMode.Legacy), Notices.PinChanged(SecurityMode.Pin) };
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            data.Add(Notices.Rejected(reason));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixedNotices))]
    public void FixedNotice_AtEightyColumns_FitsOneHistoryRow(string notice)
    {
        Assert.InRange(notice.Length, 1, Notices.MaxFixedLength);
        Assert.DoesNotContain('\n', notice);
    }

    [Fact]
    public void Rejected_EachReason_SaysTheMessageWasDeleted()
    {
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            Assert.Contains("deleted", Notices.Rejected(reason), StringComparison.Ordinal);
        }
    }
}

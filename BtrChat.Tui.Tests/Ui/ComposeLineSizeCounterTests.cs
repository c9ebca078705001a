using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

public sealed class ComposeLineSizeCounterTests
{
    [Theory]
    [InlineData(12_800, 16_000, null)]
    [InlineData(12_801, 16_000, "12,801/16,000")]
    [InlineData(16_000, 16_000, "16,000/16,000")]
    [InlineData(17_234, 16_000, "17,234/16,000")]
    [InlineData(0, 16_000, null)]
    public void Text_AppearsOnlyPast80PercentOfTheLimit_WithThousandsSeparators(int bytes, int limit, string? expected)
    {
        Assert.Equal(expected, SizeCounter.Text(bytes, limit));
    }

    [Fact]
    public void Bytes_CountsUtf8NotCharacters()
    {
        Assert.Equal(2, SizeCounter.Bytes("é"));
        Assert.Equal(4, SizeCounter.Bytes("😀"));
        Assert.Equal(1, SizeCounter.Bytes("\n"));
    }

    [Fact]
    public void TooLong_NamesBothSizes()
    {
        Assert.Equal("Too long to send: 17,234 bytes, the limit is 16,000. Shorten it or split it.", SizeCounter.TooLong(17_234, 16_000));
    }
}

using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

public class PaddedBase64UrlTests
{
    [Fact]
    public void Encode_AnyLength_MatchesStandardBase64WithUrlAlphabet()
    {
        var random = new Random(1985);
        for (int length = 0; length <= 64; length++)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            string expected = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

            Assert.Equal(expected, PaddedBase64Url.Encode(bytes));
        }
    }

    [Fact]
    public void TryDecode_EncodedText_RoundTrips()
    {
        var random = new Random(2015);
        for (int length = 0; length <= 64; length++)
        {
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            string text = PaddedBase64Url.Encode(bytes);
            byte[] decoded = new byte[PaddedBase64Url.GetMaxDecodedLength(text.Length)];

            Assert.True(PaddedBase64Url.TryDecode(text, decoded, out int written));
            Assert.Equal(bytes, decoded[..written]);
        }
    }

    [Theory]
    [InlineData("QQ", "padding missing")]
    [InlineData("QQ=", "padding partial")]
    [InlineData("QR==", "unused bits set after one byte")]
    [InlineData("QUJ=", "unused bits set after two bytes")]
    [InlineData("Q===", "three padding characters")]
    [InlineData("====", "padding only")]
    [InlineData("=QQQ", "padding first")]
    [InlineData("QQ==QQ==", "padding in the middle")]
    [InlineData("+/8=", "standard alphabet")]
    [InlineData("Q Q=", "inner space")]
    [InlineData("QQ==\n", "trailing newline")]
    [InlineData("QUJD\t", "trailing tab")]
    [InlineData("QUJ%", "percent sign")]
    public void TryDecode_NonCanonicalText_ReturnsFalse(string text, string why)
    {
        byte[] destination = new byte[16];

        Assert.False(PaddedBase64Url.TryDecode(text, destination, out _), why);
    }
}

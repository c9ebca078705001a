using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

public class FernetKeyTests
{
    private const string SpecSecret = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";

    // The original Python btrchat built its key by prefixing the four-digit PIN to this constant.
    private const string LegacyKeySuffix = "Hvc6L5DAqES1234DvoM8bMiIduMF93TBcpYf-vc=";

    [Fact]
    public void TryParse_SpecSecret_RoundTripsThroughToBase64Url()
    {
        Assert.True(FernetKey.TryParse(SpecSecret, out FernetKey? key));
        using (key)
        {
            Assert.Equal(SpecSecret, key.ToBase64Url());
        }
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("0000")]
    [InlineData("9999")]
    public void TryParse_LegacyPinKey_IsAccepted(string pin)
    {
        string text = pin + LegacyKeySuffix;

        Assert.True(FernetKey.TryParse(text, out FernetKey? key));
        using (key)
        {
            Assert.Equal(text, key.ToBase64Url());
        }
    }

    [Fact]
    public void TryParse_GeneratedKeyText_YieldsTheSameKey()
    {
        using FernetKey original = FernetKey.Generate();

        Assert.True(FernetKey.TryParse(original.ToBase64Url(), out FernetKey? parsed));
        using (parsed)
        {
            Assert.Equal(original.SigningKey.ToArray(), parsed.SigningKey.ToArray());
            Assert.Equal(original.EncryptionKey.ToArray(), parsed.EncryptionKey.ToArray());
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4", "padding missing")]
    [InlineData("cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=", "standard alphabet")]
    [InlineData(" cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=", "leading space")]
    [InlineData("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=\n", "trailing newline")]
    [InlineData("cw_0x689RpI-jtRR7oE8h eQsKImvJapLeSbXpwF4e4=", "inner space")]
    [InlineData("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4Q==", "31 bytes")]
    [InlineData("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=AAAA", "35 bytes")]
    [InlineData("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e5=", "unused bits set")]
    [InlineData("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4%", "character outside the alphabet")]
    public void TryParse_TextThatIsNotExactlyPaddedBase64UrlOf32Bytes_ReturnsFalse(string text, string why)
    {
        Assert.False(FernetKey.TryParse(text, out FernetKey? key), why);
        Assert.Null(key);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(FernetKey.TryParse(null, out FernetKey? key));
        Assert.Null(key);
    }

    [Fact]
    public void Constructor_ThirtyTwoBytes_SplitsIntoSigningThenEncryptionKey()
    {
        byte[] bytes = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

        using var key = new FernetKey(bytes);

        Assert.Equal(bytes[..16], key.SigningKey.ToArray());
        Assert.Equal(bytes[16..], key.EncryptionKey.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void Constructor_WrongLength_ThrowsArgumentException(int length)
    {
        Assert.Throws<ArgumentException>(() => new FernetKey(new byte[length]));
    }

    [Fact]
    public void Generate_CalledTwice_ProducesDifferentKeys()
    {
        using FernetKey first = FernetKey.Generate();
        using FernetKey second = FernetKey.Generate();

        Assert.NotEqual(first.ToBase64Url(), second.ToBase64Url());
    }

    [Fact]
    public void ToString_AnyKey_DoesNotRevealTheKeyText()
    {
        Assert.True(FernetKey.TryParse(SpecSecret, out FernetKey? key));
        using (key)
        {
            string printed = $"{key}";

            Assert.Equal("FernetKey(redacted)", printed);
            Assert.DoesNotContain(SpecSecret, printed, StringComparison.Ordinal);
            Assert.DoesNotContain(SpecSecret[..8], printed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dispose_ThenUse_ThrowsObjectDisposedException()
    {
        FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hi"u8, DateTimeOffset.UnixEpoch);

        key.Dispose();

        Assert.Throws<ObjectDisposedException>(() => key.ToBase64Url());
        Assert.Throws<ObjectDisposedException>(() => Fernet.Encrypt(key, "hi"u8, DateTimeOffset.UnixEpoch));
        Assert.Throws<ObjectDisposedException>(() => Fernet.Decrypt(key, token, DateTimeOffset.UnixEpoch));
    }
}

using System.Globalization;
using BtrChat.Crypto;
using BtrChat.Protocol;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Protocol;

public sealed class LegacyChannelTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly LegacyChannel _channel = LegacyChannel.Create(new Pin("1234"));

    public void Dispose() => _channel.Dispose();

    [Theory]
    [InlineData("1234")]
    [InlineData("aZ-_")]
    [InlineData("zzzz")]
    [InlineData("____")]
    public void Validate_FourBase64UrlCharacters_IsNull(string pin)
    {
        Assert.Null(LegacyChannel.Validate(pin));
    }

    [Theory]
    [InlineData("123", "exactly 4 characters (you typed 3)")]
    [InlineData("12345", "exactly 4 characters (you typed 5)")]
    [InlineData("", "exactly 4 characters (you typed 0)")]
    [InlineData("12.4", "only letters, digits, '-' and '_'")]
    [InlineData("12 4", "only letters, digits, '-' and '_'")]
    [InlineData("12+4", "only letters, digits, '-' and '_'")]
    [InlineData("12/4", "only letters, digits, '-' and '_'")]
    [InlineData("12é4", "only letters, digits, '-' and '_'")]
    public void Validate_UnusablePin_SaysWhyInOneLine(string pin, string reason)
    {
        var problem = LegacyChannel.Validate(pin);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Create_UnusablePin_Throws()
    {
        Assert.Throws<ArgumentException>(() => LegacyChannel.Create(new Pin("12.4")));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("héllo wörld — ✓ 🔐 你好")]
    [InlineData("two\nlines")]
    public void Open_WhatSealMade_GivesBackTheTextAndTheSendTime(string text)
    {
        var body = _channel.Seal(text, Now);

        var opened = _channel.Open(body, Now.AddMinutes(5));

        Assert.True(opened.IsMessage, $"refused as {opened.Reason}");
        Assert.Equal(text, opened.Text);
        Assert.Equal(Now, opened.SentAt);
        Assert.Equal(RejectReason.None, opened.Reason);
    }

    [Fact]
    public void Open_SurroundingWhitespace_IsIgnored()
    {
        var body = _channel.Seal("hello", Now);

        Assert.Equal("hello", _channel.Open($"  {body}\n", Now).Text);
    }

    [Fact]
    public void Open_OldAndFutureTokens_OpenBecauseLegacyModeChecksNoTime()
    {
        Assert.True(_channel.Open(_channel.Seal("old", Now.AddYears(-5)), Now).IsMessage);
        Assert.True(_channel.Open(_channel.Seal("future", Now.AddDays(1)), Now).IsMessage);
    }

    [Fact]
    public void Open_BodyUnderAnotherPin_IsRejectedAsWrongKey()
    {
        using var other = LegacyChannel.Create(new Pin("9999"));

        var opened = _channel.Open(other.Seal("hello", Now), Now);

        Assert.False(opened.IsMessage);
        Assert.Null(opened.Text);
        Assert.Equal(RejectReason.WrongKey, opened.Reason);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("gAAAAA")]
    [InlineData("not base64 at all!")]
    public void Open_SomethingThatIsNotAToken_IsRejectedAsNotAToken(string body)
    {
        var opened = _channel.Open(body, Now);

        Assert.False(opened.IsMessage);
        Assert.Equal(RejectReason.NotAToken, opened.Reason);
    }

    [Fact]
    public void Open_BodyOverTheMaximum_IsRejectedAsTooLarge()
    {
        var opened = _channel.Open(new string('A', LegacyChannel.MaxBodyLength + 1), Now);

        Assert.Equal(RejectReason.TooLarge, opened.Reason);
    }

    [Fact]
    public void Open_BodyOfExactlyTheMaximum_IsNotTooLarge()
    {
        var opened = _channel.Open(new string('A', LegacyChannel.MaxBodyLength), Now);

        Assert.Equal(RejectReason.NotAToken, opened.Reason);
    }

    [Fact]
    public void Open_TokenWhosePlaintextIsNotUtf8_IsRejectedAsUnreadable()
    {
        Assert.True(FernetKey.TryParse("1234" + LegacyChannel.KeySuffix, out var key));
        using (key)
        {
            var token = Fernet.Encrypt(key, [0x68, 0x69, 0xff, 0xfe, 0xc3], Now);

            var opened = _channel.Open(token, Now);

            Assert.False(opened.IsMessage);
            Assert.Equal(RejectReason.Unreadable, opened.Reason);
        }
    }

    [Fact]
    public void Open_TokenMadeByPythonsCryptographyForPin1234_GivesTheTextAndTheTokensTimestamp()
    {
        PythonOracle.EnsureAvailable();
        const string text = "hi from Python — ✓ 你好";
        const long stamp = 1_650_000_123;
        var token = PythonOracle.Run(
            """
            import sys
            from cryptography.fernet import Fernet
            f = Fernet(sys.argv[1].encode("ascii"))
            print(f.encrypt_at_time(sys.stdin.read().encode("utf-8"), int(sys.argv[2])).decode("ascii"))
            """,
            ["1234" + LegacyChannel.KeySuffix, stamp.ToString(CultureInfo.InvariantCulture)],
            stdin: text).Trim();

        var opened = _channel.Open(token, Now);

        Assert.True(opened.IsMessage, $"refused as {opened.Reason}");
        Assert.Equal(text, opened.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(stamp), opened.SentAt);
    }

    [Fact]
    public void Seal_ForPin1234_OpensWithPythonsCryptography()
    {
        PythonOracle.EnsureAvailable();
        const string text = "hi from C# — ✓ 你好";
        var token = _channel.Seal(text, Now);

        var output = PythonOracle.Run(
            """
            import sys
            from cryptography.fernet import Fernet
            f = Fernet(sys.argv[1].encode("ascii"))
            token = sys.stdin.read().strip()
            print(f.extract_timestamp(token))
            print(f.decrypt(token).decode("utf-8"))
            """,
            ["1234" + LegacyChannel.KeySuffix],
            stdin: token);

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), lines[0]);
        Assert.Equal(text, lines[1]);
    }
}

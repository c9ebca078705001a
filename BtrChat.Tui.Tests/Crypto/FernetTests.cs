using System.Security.Cryptography;
using System.Text;
using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

public class FernetTests
{
    private static readonly DateTimeOffset Stamp = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4096)]
    public void Decrypt_TokenFromEncrypt_ReturnsTheMessageAndTimestamp(int length)
    {
        using FernetKey key = FernetKey.Generate();
        byte[] message = RandomBytes(length, seed: length);

        FernetResult result = Fernet.Decrypt(key, Fernet.Encrypt(key, message, Stamp), Stamp);

        Assert.True(result.IsValid);
        Assert.Equal(FernetFailure.None, result.Failure);
        Assert.Equal(message, result.Plaintext);
        Assert.Equal(Stamp, result.Timestamp);
    }

    [Fact]
    public void Decrypt_RandomMessagesFromEncrypt_RoundTrip()
    {
        using FernetKey key = FernetKey.Generate();
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            byte[] message = new byte[random.Next(0, 300)];
            random.NextBytes(message);

            FernetResult result = Fernet.Decrypt(key, Fernet.Encrypt(key, message, Stamp), Stamp);

            Assert.Equal(message, result.Plaintext);
        }
    }

    [Fact]
    public void Encrypt_SubSecondTime_StampsWholeSeconds()
    {
        using FernetKey key = FernetKey.Generate();

        FernetResult result = Fernet.Decrypt(key, Fernet.Encrypt(key, "x"u8, Stamp.AddMilliseconds(999)), Stamp);

        Assert.Equal(Stamp, result.Timestamp);
    }

    [Fact]
    public void Encrypt_SameMessageTwice_UsesAFreshIvEachTime()
    {
        using FernetKey key = FernetKey.Generate();

        Assert.NotEqual(Fernet.Encrypt(key, "same"u8, Stamp), Fernet.Encrypt(key, "same"u8, Stamp));
    }

    [Fact]
    public void Encrypt_AnyMessage_ProducesPaddedBase64UrlText()
    {
        using FernetKey key = FernetKey.Generate();

        string token = Fernet.Encrypt(key, "hello"u8, Stamp);

        Assert.Equal(0, token.Length % 4);
        Assert.EndsWith("==", token, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+=*$", token);
    }

    [Fact]
    public void Decrypt_TokenWithAnySingleByteChanged_IsRefused()
    {
        using FernetKey key = FernetKey.Generate();
        byte[] bytes = Decode(Fernet.Encrypt(key, "attack at dawn"u8, Stamp));

        for (int i = 0; i < bytes.Length; i++)
        {
            foreach (byte flip in (byte[])[0x01, 0x80, 0xFF])
            {
                byte[] tampered = (byte[])bytes.Clone();
                tampered[i] ^= flip;

                FernetResult result = Fernet.Decrypt(key, PaddedBase64Url.Encode(tampered), Stamp);

                Assert.False(result.IsValid, $"byte {i} ^ 0x{flip:X2} was accepted");
                Assert.Empty(result.Plaintext);
            }
        }
    }

    [Fact]
    public void Decrypt_TokenWithAnySingleCharacterChanged_IsRefused()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ ";
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "attack at dawn"u8, Stamp);

        for (int i = 0; i < token.Length; i++)
        {
            foreach (char replacement in Alphabet.Where(c => c != token[i]))
            {
                string tampered = token[..i] + replacement + token[(i + 1)..];

                // Without canonical decoding, a change confined to the unused bits of the last character would pass.
                Assert.False(Fernet.Decrypt(key, tampered, Stamp).IsValid, $"'{replacement}' at {i} was accepted");
            }
        }
    }

    [Fact]
    public void Decrypt_TokenUnderAnotherKey_IsBadSignature()
    {
        using FernetKey sender = FernetKey.Generate();
        using FernetKey receiver = FernetKey.Generate();

        FernetResult result = Fernet.Decrypt(receiver, Fernet.Encrypt(sender, "hello"u8, Stamp), Stamp);

        Assert.Equal(FernetFailure.BadSignature, result.Failure);
        Assert.Empty(result.Plaintext);
        Assert.Equal(default, result.Timestamp);
    }

    [Fact]
    public void Decrypt_VersionOtherThan0x80_IsUnknownVersion()
    {
        using FernetKey key = FernetKey.Generate();
        string token = Resign(key, Fernet.Encrypt(key, "hello"u8, Stamp), body =>
        {
            body[0] = 0x81;
            return body;
        });

        Assert.Equal(FernetFailure.UnknownVersion, Fernet.Decrypt(key, token, Stamp).Failure);
    }

    [Fact]
    public void Decrypt_TimestampBeyondYear9999_IsMalformed()
    {
        using FernetKey key = FernetKey.Generate();
        string token = Resign(key, Fernet.Encrypt(key, "hello"u8, Stamp), body =>
        {
            body.AsSpan(1, 8).Fill(0xFF);
            return body;
        });

        Assert.Equal(FernetFailure.Malformed, Fernet.Decrypt(key, token, Stamp).Failure);
    }

    [Fact]
    public void Decrypt_SignedTokenWithoutCiphertext_IsMalformed()
    {
        using FernetKey key = FernetKey.Generate();
        string token = Resign(key, Fernet.Encrypt(key, "hello"u8, Stamp), body => body[..25]);

        Assert.Equal(FernetFailure.Malformed, Fernet.Decrypt(key, token, Stamp).Failure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59_000)]
    [InlineData(60_000)]
    [InlineData(60_999)]
    public void Decrypt_AgeUpToTheLastSecondOfTimeToLive_IsValid(int ageMilliseconds)
    {
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hello"u8, Stamp);

        FernetResult result = Fernet.Decrypt(key, token, Stamp.AddMilliseconds(ageMilliseconds), timeToLive: Minute);

        Assert.True(result.IsValid, $"refused as {result.Failure}");
    }

    [Theory]
    [InlineData(61)]
    [InlineData(3600)]
    public void Decrypt_AgeBeyondTimeToLive_IsExpired(int ageSeconds)
    {
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hello"u8, Stamp);

        FernetResult result = Fernet.Decrypt(key, token, Stamp.AddSeconds(ageSeconds), timeToLive: Minute);

        Assert.Equal(FernetFailure.Expired, result.Failure);
    }

    [Fact]
    public void Decrypt_ExpiredTokenUnderAnotherKey_ReportsExpiryBeforeSignature()
    {
        using FernetKey sender = FernetKey.Generate();
        using FernetKey receiver = FernetKey.Generate();
        string token = Fernet.Encrypt(sender, "hello"u8, Stamp);

        FernetResult result = Fernet.Decrypt(receiver, token, Stamp.AddHours(1), timeToLive: Minute);

        Assert.Equal(FernetFailure.Expired, result.Failure);
    }

    [Fact]
    public void Decrypt_WithoutTimeToLive_AcceptsAnyAge()
    {
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hello"u8, DateTimeOffset.UnixEpoch);

        Assert.True(Fernet.Decrypt(key, token, DateTimeOffset.MaxValue, maxClockSkew: Minute).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void Decrypt_FutureStampWithinClockSkew_IsValid(int secondsAhead)
    {
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hello"u8, Stamp);

        FernetResult result = Fernet.Decrypt(key, token, Stamp.AddSeconds(-secondsAhead), maxClockSkew: Minute);

        Assert.True(result.IsValid, $"refused as {result.Failure}");
    }

    [Theory]
    [InlineData(61)]
    [InlineData(86_400)]
    public void Decrypt_FutureStampBeyondClockSkew_IsFromTheFuture(int secondsAhead)
    {
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hello"u8, Stamp);

        FernetResult result = Fernet.Decrypt(key, token, Stamp.AddSeconds(-secondsAhead), timeToLive: Minute, maxClockSkew: Minute);

        Assert.Equal(FernetFailure.FromTheFuture, result.Failure);
    }

    [Fact]
    public void Decrypt_WithoutClockSkew_AcceptsAnyFutureStamp()
    {
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hello"u8, DateTimeOffset.MaxValue);

        Assert.True(Fernet.Decrypt(key, token, DateTimeOffset.UnixEpoch, timeToLive: Minute).IsValid);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA", "padding stripped")]
    [InlineData("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ/eEwCGM4BLLF/5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==", "standard alphabet")]
    [InlineData("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==\n", "trailing newline")]
    [InlineData(" gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==", "leading space")]
    [InlineData("gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDB==", "unused bits set")]
    public void Decrypt_SpecTokenNotInCanonicalPaddedBase64Url_IsMalformed(string token, string why)
    {
        Assert.True(FernetKey.TryParse("cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=", out FernetKey? key));
        using (key)
        {
            FernetFailure failure = Fernet.Decrypt(key, token, DateTimeOffset.UnixEpoch).Failure;

            Assert.True(failure == FernetFailure.Malformed, $"{why}: {failure}");
        }
    }

    [Fact]
    public void Decrypt_TextLongerThanMaxTokenLength_IsMalformedWithoutDecoding()
    {
        using FernetKey key = FernetKey.Generate();

        // All 'A' decodes to zero bytes, so a decoded token would fail on its version instead.
        Assert.Equal(FernetFailure.UnknownVersion, Fernet.Decrypt(key, new string('A', Fernet.MaxTokenLength), Stamp).Failure);
        Assert.Equal(FernetFailure.Malformed, Fernet.Decrypt(key, new string('A', Fernet.MaxTokenLength + 4), Stamp).Failure);
    }

    [Fact]
    public void Encrypt_LongestAllowedMessage_FitsInMaxTokenLength()
    {
        using FernetKey key = FernetKey.Generate();
        byte[] message = RandomBytes(Fernet.MaxPlaintextLength, seed: 7);

        string token = Fernet.Encrypt(key, message, Stamp);

        Assert.InRange(token.Length, Fernet.MaxTokenLength - 16, Fernet.MaxTokenLength);
        Assert.Equal(message, Fernet.Decrypt(key, token, Stamp).Plaintext);
    }

    [Fact]
    public void Encrypt_MessageLongerThanMaxPlaintextLength_Throws()
    {
        using FernetKey key = FernetKey.Generate();

        Assert.Throws<ArgumentOutOfRangeException>(() => Fernet.Encrypt(key, new byte[Fernet.MaxPlaintextLength + 1], Stamp));
    }

    [Fact]
    public void Encrypt_TimeBeforeUnixEpoch_Throws()
    {
        using FernetKey key = FernetKey.Generate();

        Assert.Throws<ArgumentOutOfRangeException>(() => Fernet.Encrypt(key, "hello"u8, DateTimeOffset.UnixEpoch.AddSeconds(-1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(17)]
    public void Encrypt_IvOfWrongLength_Throws(int length)
    {
        using FernetKey key = FernetKey.Generate();

        Assert.Throws<ArgumentException>(() => Fernet.Encrypt(key, "hello"u8, Stamp, new byte[length]));
    }

    [Fact]
    public void Decrypt_NullKeyOrToken_Throws()
    {
        using FernetKey key = FernetKey.Generate();

        Assert.Throws<ArgumentNullException>(() => Fernet.Decrypt(null!, "token", Stamp));
        Assert.Throws<ArgumentNullException>(() => Fernet.Decrypt(key, null!, Stamp));
    }

    [Fact]
    public void Decrypt_NegativeTimeToLiveOrClockSkew_Throws()
    {
        using FernetKey key = FernetKey.Generate();
        string token = Fernet.Encrypt(key, "hello"u8, Stamp);

        Assert.Throws<ArgumentOutOfRangeException>(() => Fernet.Decrypt(key, token, Stamp, timeToLive: TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fernet.Decrypt(key, token, Stamp, maxClockSkew: TimeSpan.FromSeconds(-1)));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Decode(string token)
    {
        byte[] bytes = new byte[PaddedBase64Url.GetMaxDecodedLength(token.Length)];
        Assert.True(PaddedBase64Url.TryDecode(token, bytes, out int written));
        return bytes[..written];
    }

    /// <summary>Edits the signed part of a token and signs it again, so a refusal cannot be put down to the signature.</summary>
    private static string Resign(FernetKey key, string token, Func<byte[], byte[]> edit)
    {
        byte[] body = edit(Decode(token)[..^HMACSHA256.HashSizeInBytes]);
        return PaddedBase64Url.Encode([.. body, .. HMACSHA256.HashData(key.SigningKey, body)]);
    }
}

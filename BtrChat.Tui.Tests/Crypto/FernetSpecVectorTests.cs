using System.Globalization;
using System.Text;
using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

/// <summary>The test vectors published with the Fernet spec (generate.json, verify.json, invalid.json).</summary>
public class FernetSpecVectorTests
{
    public static IEnumerable<TheoryDataRow<string, string, string, string, string>> GenerateVectors() =>
        FernetVectorFile.Load("generate.json").Select(entry =>
            new TheoryDataRow<string, string, string, string, string>(
                entry.Text("secret"),
                entry.Text("now"),
                Convert.ToHexString([.. entry.GetProperty("iv").EnumerateArray().Select(b => b.GetByte())]),
                entry.Text("src"),
                entry.Text("token"))
            {
                Label = $"src \"{entry.Text("src")}\"",
            });

    public static IEnumerable<TheoryDataRow<string, string, int, string, string>> VerifyVectors() =>
        FernetVectorFile.Load("verify.json").Select(entry =>
            new TheoryDataRow<string, string, int, string, string>(
                entry.Text("secret"),
                entry.Text("now"),
                entry.GetProperty("ttl_sec").GetInt32(),
                entry.Text("token"),
                entry.Text("src"))
            {
                Label = $"src \"{entry.Text("src")}\"",
            });

    public static IEnumerable<TheoryDataRow<string, string, int, string, FernetFailure>> InvalidVectors() =>
        FernetVectorFile.Load("invalid.json").Select(entry =>
            new TheoryDataRow<string, string, int, string, FernetFailure>(
                entry.Text("secret"),
                entry.Text("now"),
                entry.GetProperty("ttl_sec").GetInt32(),
                entry.Text("token"),
                ExpectedFailure(entry.Text("desc")))
            {
                Label = entry.Text("desc"),
            });

    [Theory]
    [MemberData(nameof(GenerateVectors))]
    public void Encrypt_GenerateVector_ProducesExpectedToken(string secret, string now, string ivHex, string src, string token)
    {
        using FernetKey key = ParseKey(secret);

        string produced = Fernet.Encrypt(key, Encoding.UTF8.GetBytes(src), ParseTime(now), Convert.FromHexString(ivHex));

        Assert.Equal(token, produced);
    }

    [Theory]
    [MemberData(nameof(VerifyVectors))]
    public void Decrypt_VerifyVector_YieldsSource(string secret, string now, int ttlSeconds, string token, string src)
    {
        using FernetKey key = ParseKey(secret);

        FernetResult result = Fernet.Decrypt(
            key,
            token,
            ParseTime(now),
            timeToLive: TimeSpan.FromSeconds(ttlSeconds),
            maxClockSkew: TimeSpan.FromSeconds(60));

        Assert.True(result.IsValid, $"refused as {result.Failure}");
        Assert.Equal(src, Encoding.UTF8.GetString(result.Plaintext));
    }

    [Theory]
    [MemberData(nameof(InvalidVectors))]
    public void Decrypt_InvalidVector_IsRefusedForTheDescribedReason(
        string secret,
        string now,
        int ttlSeconds,
        string token,
        FernetFailure expected)
    {
        using FernetKey key = ParseKey(secret);

        // Python's cryptography pairs a TTL with a 60-second skew allowance; the far-future vector relies on it.
        FernetResult result = Fernet.Decrypt(
            key,
            token,
            ParseTime(now),
            timeToLive: TimeSpan.FromSeconds(ttlSeconds),
            maxClockSkew: TimeSpan.FromSeconds(60));

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Failure);
        Assert.Empty(result.Plaintext);
    }

    private static FernetFailure ExpectedFailure(string description) => description switch
    {
        "incorrect mac" => FernetFailure.BadSignature,
        "too short" => FernetFailure.Malformed,
        "invalid base64" => FernetFailure.Malformed,
        "payload size not multiple of block size" => FernetFailure.Malformed,
        "payload padding error" => FernetFailure.BadPadding,
        "far-future TS (unacceptable clock skew)" => FernetFailure.FromTheFuture,
        "expired TTL" => FernetFailure.Expired,
        "incorrect IV (causes padding error)" => FernetFailure.BadPadding,
        _ => throw new InvalidDataException($"invalid.json has a case this test does not know: '{description}'."),
    };

    private static FernetKey ParseKey(string secret) =>
        FernetKey.TryParse(secret, out FernetKey? key) ? key : throw new InvalidDataException($"Bad vector key '{secret}'.");

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}

using BtrChat.Chat;
using BtrChat.Crypto;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>
/// The bad-input corpus in legacy mode (the original's format: one key from the PIN, no sessions, no sequence
/// numbers), through the real pipeline on the emulator: Alice sends genuine messages, hostile bodies go into Bob's
/// rx queue between them. Each gives its notice and Bob shows both genuine messages in order, once.
/// </summary>
public sealed class BadInputLegacyCorpusTests(SqsEmulator emulator)
{
    private static readonly Dictionary<string, (Func<string[]> Bodies, RejectReason[] Rejected)> Cases = new()
    {
        ["a single space"] = (() => [" "], [RejectReason.NotAToken]),
        ["1 MiB of text"] = (() => [BadInputBodies.MaximumSizeText()], [RejectReason.NotAToken]),
        ["1 MiB token under another key"] = (() => [BadInputBodies.MaximumSizeTokenUnderAnotherKey()], [RejectReason.WrongKey]),
        ["invalid base64"] = (() => [BadInputBodies.InvalidBase64(Sealed("forged"))], [RejectReason.NotAToken]),
        ["truncated token"] = (() => [BadInputBodies.Truncated(Sealed("forged"))], [RejectReason.NotAToken]),
        ["wrong version byte"] = (() => [BadInputBodies.WithVersionByte(Sealed("forged"), 0x81)], [RejectReason.NotAToken]),
        ["bad HMAC"] = (() => [BadInputBodies.WithBadHmac(Sealed("forged"))], [RejectReason.WrongKey]),
        ["token under another PIN"] = (() => [Sealed("forged", pin: "9999")], [RejectReason.WrongKey]),
        ["plaintext that is not UTF-8"] = (() => [SealedBytes([0xC3, 0x28, 0xFF])], [RejectReason.Unreadable]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileBodyBetweenTwoGenuineMessages_GivesItsNoticeAndBothGenuineAreShownInOrderOnce(string name)
    {
        var (bodies, rejected) = Cases[name];
        await using var pair = await ChatPair.StartAsync(emulator);

        await SendAndShowAsync(pair, "before");
        foreach (var body in bodies())
        {
            await emulator.SendRawAsync(pair.AliceToBob, body);
        }

        await SendAndShowAsync(pair, "after");
        await WaitUntilEmptyAsync(pair.AliceToBob);

        Assert.Equal(rejected, pair.BobSees.OfType<ChatEvent.Rejected>().Select(r => r.Reason));
        Assert.Equal(["before", "after"], pair.BobSees.OfType<ChatEvent.PeerMessage>().Select(m => m.Text));
        Assert.DoesNotContain(pair.BobSees.OfType<ChatEvent.ConnectionChanged>(), c => c.Status.State == ConnectionState.Stopped);
    }

    /// <summary>
    /// The original sets no time-to-live and no clock-skew limit, and in this mode anyone can forge any timestamp, so
    /// tokens from long ago or far ahead are shown, with the time they claim.
    /// </summary>
    [Theory]
    [InlineData(-365)]
    [InlineData(365)]
    public async Task TokenStampedAYearAwayUnderTheRightPin_IsShownWithItsStamp(int days)
    {
        await using var pair = await ChatPair.StartAsync(emulator);
        var stamp = DateTimeOffset.UtcNow.AddDays(days);

        await SendAndShowAsync(pair, "before");
        await emulator.SendRawAsync(pair.AliceToBob, Sealed("stamped", at: stamp));
        await SendAndShowAsync(pair, "after");

        Assert.Equal(["before", "stamped", "after"], pair.BobSees.OfType<ChatEvent.PeerMessage>().Select(m => m.Text));
        Assert.Equal(stamp.ToUnixTimeSeconds(), pair.BobSees.OfType<ChatEvent.PeerMessage>().Single(m => m.Text == "stamped").SentAt.ToUnixTimeSeconds());
        Assert.Empty(pair.BobSees.OfType<ChatEvent.Rejected>());
    }

    private static string Sealed(string text, string pin = "1234", DateTimeOffset? at = null)
    {
        using var channel = LegacyChannel.Create(new Pin(pin));
        return channel.Seal(text, at ?? DateTimeOffset.UtcNow);
    }

    private static string SealedBytes(byte[] plaintext)
    {
        Assert.True(FernetKey.TryParse("1234" + LegacyChannel.KeySuffix, out var key));
        using (key)
        {
            return Fernet.Encrypt(key, plaintext, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Alice sends <paramref name="text"/> and Bob shows it: what was put into his queue before it is behind him.</summary>
    private static async Task SendAndShowAsync(ChatPair pair, string text)
    {
        pair.Alice.Send(text);
        await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == text);
    }

    private async Task WaitUntilEmptyAsync(string queue)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await emulator.CountMessagesAsync(queue) > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{queue} still holds messages");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

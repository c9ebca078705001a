using Amazon.SQS;
using BtrChat.Chat;
using BtrChat.Crypto;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>
/// The bad-input corpus in pin mode, through the real receive pipeline on the emulator: a real session reads its rx
/// queue, an established <see cref="ScriptedPeer"/> sends a genuine message, the hostile bodies, and another genuine
/// message. Each case must give its notice, leave the session running and show both genuine messages, in order, once.
/// Bodies that need no key are here; those sealed under the session's own keys are in
/// <see cref="BadInputSealedCorpusTests"/>.
/// </summary>
/// <remarks>
/// SQS, and the emulator with it, refuses an empty body and any body over 1 MiB at the send, so those never reach
/// btrchat: the corpus checks that the queue refuses them and sends the nearest bodies that do arrive (a single space,
/// and bodies of exactly 1 MiB). The emulator's MaximumMessageSize cannot be raised past SQS's 1 MiB either.
/// </remarks>
public sealed class BadInputCorpusTests(SqsEmulator emulator)
{
    private static readonly Dictionary<string, (Func<SessionKeys, string[]> Bodies, RejectReason[] Rejected)> Cases = new()
    {
        ["a single space"] = (_ => [" "], [RejectReason.NotAToken]),
        ["1 MiB of text"] = (_ => [BadInputBodies.MaximumSizeText()], [RejectReason.NotAToken]),
        ["1 MiB token under another key"] = (_ => [BadInputBodies.MaximumSizeTokenUnderAnotherKey()], [RejectReason.NotThisSession]),
        ["invalid base64"] = (keys => [BadInputBodies.InvalidBase64(Forged(keys))], [RejectReason.NotAToken]),
        ["truncated token"] = (keys => [BadInputBodies.Truncated(Forged(keys))], [RejectReason.NotAToken]),
        ["wrong version byte"] = (keys => [BadInputBodies.WithVersionByte(Forged(keys), 0x81)], [RejectReason.NotAToken]),
        ["bad HMAC"] = (keys => [BadInputBodies.WithBadHmac(Forged(keys))], [RejectReason.NotThisSession]),
        ["token under another key"] = (keys => [UnderAnotherKey(keys)], [RejectReason.NotThisSession]),
        ["far-future timestamp"] = (keys => [BadInputBodies.Seal(keys, BadInputBodies.DataFrame(keys, 2, "forged"), DateTimeOffset.UtcNow.AddDays(1))], [RejectReason.FromTheFuture]),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileBodyBetweenTwoGenuineMessages_GivesItsNoticeAndBothGenuineAreShownInOrderOnce(string name)
    {
        var (bodies, rejected) = Cases[name];
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var peer = await victim.EstablishWithPeerAsync();
        var keys = peer.Channel.CurrentKeys!;

        await peer.SendTextAsync("before");
        foreach (var body in bodies(keys))
        {
            await peer.SendRawAsync(body);
        }

        await peer.SendTextAsync("after");
        await victim.WaitForShownAsync("after");
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(rejected, victim.Sees.OfType<ChatEvent.Rejected>().Select(r => r.Reason));
        Assert.Equal(["before", "after"], victim.Shown);
        Assert.Empty(victim.Sees.OfType<ChatEvent.Missing>());
        Assert.DoesNotContain(victim.Sees.OfType<ChatEvent.ConnectionChanged>(), c => c.Status.State == ConnectionState.Stopped);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(BadInputBodies.SqsMaximumBody + 1)]
    public async Task EmptyOrOverOneMiBBody_IsRefusedByTheQueueItself(int length)
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var peer = await victim.ConnectPeerAsync();

        await Assert.ThrowsAsync<AmazonSQSException>(() => peer.SendRawAsync(new string('x', length)));

        Assert.Equal(0, await emulator.CountMessagesAsync(victim.Names.Rx));
    }

    /// <summary>A data envelope from the peer to the victim, with the sequence number "after" will have, under the session's real key.</summary>
    private static string Forged(SessionKeys keys) => BadInputBodies.Seal(keys, BadInputBodies.DataFrame(keys, 2, "forged"), DateTimeOffset.UtcNow);

    /// <summary>The same envelope sealed under a key of the right shape that is not the session's.</summary>
    private static string UnderAnotherKey(SessionKeys keys)
    {
        using var other = FernetKey.Generate();
        return Fernet.Encrypt(other, BadInputBodies.DataFrame(keys, 2, "forged"), DateTimeOffset.UtcNow);
    }
}

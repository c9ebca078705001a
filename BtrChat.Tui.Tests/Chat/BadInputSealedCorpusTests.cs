using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>
/// The bad-input corpus's bodies that open: sealed under the session's real keys (what a broken or hostile peer
/// could send), with a hostile envelope inside. Through the real pipeline on the emulator, between two genuine
/// messages, as in <see cref="BadInputCorpusTests"/>: each gives its notice, nothing wedges the ordering, no gap is
/// waited for, and both genuine messages are shown in order, once.
/// </summary>
public sealed class BadInputSealedCorpusTests(SqsEmulator emulator)
{
    private static readonly Dictionary<string, Func<SessionKeys, byte[]>> Frames = new()
    {
        ["a length field of 2^32 - 1"] = keys => BadInputBodies.DataFrame(keys, 2, "forged", length: uint.MaxValue),
        ["a length field of 2^31"] = keys => BadInputBodies.DataFrame(keys, 2, "forged", length: 1U << 31),
        // "forged" makes a 69-byte frame, padded to the 128-byte bucket.
        ["a length field one past the frame"] = keys => BadInputBodies.DataFrame(keys, 2, "forged", length: 128 - EnvelopeCodec.HeaderSize + 1),
        ["text that is not UTF-8"] = keys => BadInputBodies.DataFrame(keys, 2, [0xC3, 0x28, 0xFF]),
        ["sequence 0"] = keys => BadInputBodies.DataFrame(keys, 0, "forged"),
        ["sequence 2^64 - 1"] = keys => BadInputBodies.DataFrame(keys, ulong.MaxValue, "forged"),
        ["sequence 2^64 - 2"] = keys => BadInputBodies.DataFrame(keys, ulong.MaxValue - 1, "forged"),
        ["sequence 2^63 - 1"] = keys => BadInputBodies.DataFrame(keys, long.MaxValue, "forged"),
        ["sequence far ahead"] = keys => BadInputBodies.DataFrame(keys, 3 + InboundOrder.MaxJump, "forged"),
    };

    private static readonly Dictionary<string, RejectReason> Expected = new()
    {
        ["a length field of 2^32 - 1"] = RejectReason.Unreadable,
        ["a length field of 2^31"] = RejectReason.Unreadable,
        // "forged" makes a 69-byte frame, padded to the 128-byte bucket.
        ["a length field one past the frame"] = RejectReason.Unreadable,
        ["text that is not UTF-8"] = RejectReason.Unreadable,
        ["sequence 0"] = RejectReason.Unreadable,
        ["sequence 2^64 - 1"] = RejectReason.ImpossibleSequence,
        ["sequence 2^64 - 2"] = RejectReason.ImpossibleSequence,
        ["sequence 2^63 - 1"] = RejectReason.ImpossibleSequence,
        ["sequence far ahead"] = RejectReason.ImpossibleSequence,
    };

    public static TheoryData<string> CaseNames => [.. Frames.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileEnvelopeUnderTheSessionKey_GivesItsNoticeAndTheGenuineMessagesFlowOn(string name)
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var peer = await victim.EstablishWithPeerAsync();
        var keys = peer.Channel.CurrentKeys!;

        await peer.SendTextAsync("before");
        await peer.SendRawAsync(BadInputBodies.Seal(keys, Frames[name](keys), DateTimeOffset.UtcNow));
        await peer.SendTextAsync("after");
        await victim.WaitForShownAsync("after");

        // A message held for ordering keeps its queue message unsettled: an empty queue means nothing waits for a gap.
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(Expected[name], Assert.Single(victim.Sees.OfType<ChatEvent.Rejected>()).Reason);
        Assert.Equal(["before", "after"], victim.Shown);
        Assert.Empty(victim.Sees.OfType<ChatEvent.Missing>());
        Assert.DoesNotContain(victim.Sees.OfType<ChatEvent.ConnectionChanged>(), c => c.Status.State == ConnectionState.Stopped);
    }

    [Fact]
    public async Task AuthenticTokenStampedAYearAgo_IsShownInItsPlace_PinModeHasNoTimeToLive()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var peer = await victim.EstablishWithPeerAsync();
        var yearAgo = DateTimeOffset.UtcNow.AddDays(-365);

        await peer.SendTextAsync("before");
        await peer.SendRawAsync(peer.Channel.Seal("a year old", yearAgo)!);
        await peer.SendTextAsync("after");
        await victim.WaitForShownAsync("after");
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(["before", "a year old", "after"], victim.Shown);
        Assert.Equal(yearAgo.ToUnixTimeSeconds(), (await victim.WaitForShownAsync("a year old")).SentAt.ToUnixTimeSeconds());
        Assert.Empty(victim.Sees.OfType<ChatEvent.Rejected>());
    }
}

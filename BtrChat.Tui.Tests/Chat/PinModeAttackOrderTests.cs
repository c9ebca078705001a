using System.Diagnostics;
using BtrChat.Chat;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Chat;

/// <summary>
/// Reordering and loss on a standard queue, through the real pipeline: the victim shows the peer's messages in
/// sequence order, and a gap that does not fill within the gap timeout as missing.
/// </summary>
public sealed class PinModeAttackOrderTests(SqsEmulator emulator)
{
    [Fact]
    public async Task ReorderedOnAStandardQueue_IsShownInSequenceOrder()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: false);
        using var peer = await victim.EstablishWithPeerAsync();

        var (one, two, three) = (peer.Seal("one"), peer.Seal("two"), peer.Seal("three"));
        await peer.SendRawAsync(three);
        await peer.SendRawAsync(one);
        await peer.SendRawAsync(two);
        await victim.Sees.WaitForCountAsync<ChatEvent.PeerMessage>(3);
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(["one", "two", "three"], victim.Shown);
        Assert.Empty(victim.Sees.OfType<ChatEvent.Missing>());
    }

    [Fact]
    public async Task GapThatNeverFills_IsShownAsMissingAfterTheGapTimeoutThenTheRest()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: false);
        using var peer = await victim.EstablishWithPeerAsync();

        var (one, _, three) = (peer.Seal("one"), peer.Seal("lost"), peer.Seal("three"));
        await peer.SendRawAsync(one);
        await peer.SendRawAsync(three);
        var shownFirst = await victim.WaitForShownAsync("one");
        var missing = await victim.Sees.WaitForAsync<ChatEvent.Missing>();
        await victim.WaitForShownAsync("three");
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(1UL, missing.Count);
        Assert.Equal(
            ["one", "missing 1", "three"],
            victim.Sees.Events.Select(e => e switch
            {
                ChatEvent.PeerMessage m => m.Text,
                ChatEvent.Missing m => $"missing {m.Count}",
                _ => null,
            }).OfType<string>());

        // Held back while the gap could still fill: not declared missing at once (ticks may add up to a second).
        var held = Stopwatch.GetElapsedTime(victim.ShownAt(shownFirst), victim.ShownAt(missing));
        Assert.True(held >= PinModeAttackVictim.ShortPolicy.GapTimeout - TimeSpan.FromMilliseconds(500), $"missing shown after {held}");
    }

    [Fact]
    public async Task GapOpenWhenThePeerMovesToANewSession_HeldMessageIsShownAfterTheMissingMarkerNotDropped()
    {
        // The gap outlasts the handshake, so the peer's new session is established while "three" is held.
        var policy = PinModeAttackVictim.ShortPolicy with { GapTimeout = TimeSpan.FromSeconds(4) };
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: false, policy);
        using var peer = await victim.EstablishWithPeerAsync();
        var firstCode = peer.Channel.SafetyCode;

        var (one, _, three) = (peer.Seal("one"), peer.Seal("lost"), peer.Seal("three"));
        await peer.SendRawAsync(one);
        await peer.SendRawAsync(three);
        await victim.WaitForShownAsync("one");
        peer.Restart();
        await peer.StartAsync();
        await peer.PumpUntilEstablishedAsync();
        await victim.EstablishedCodeAsync(not: firstCode);

        // "three" was authentic and accepted under the session of its time: it is owed a place in the history.
        await victim.WaitForShownAsync("three", policy.GapTimeout + TimeSpan.FromSeconds(3));
        await victim.WaitUntilRxEmptyAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(
            ["one", "missing 1", "three"],
            victim.Sees.Events.Select(e => e switch
            {
                ChatEvent.PeerMessage m => m.Text,
                ChatEvent.Missing m => $"missing {m.Count}",
                _ => null,
            }).OfType<string>());
        Assert.Empty(victim.Sees.OfType<ChatEvent.Rejected>());
    }
}

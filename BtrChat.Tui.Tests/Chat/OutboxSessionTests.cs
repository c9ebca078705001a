using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>The outbox through the emulator: nothing typed is lost to a restarted peer, and nothing is shown twice.</summary>
public sealed class OutboxSessionTests(SqsEmulator emulator)
{
    /// <summary>Bob's old long poll may have been handed a frame as he went; SQS shows it again after the visibility timeout.</summary>
    private static readonly TimeSpan RestartBound = TimeSpan.FromSeconds(SqsMessageQueue.VisibilityTimeoutSeconds + 15);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SentWhilePeerWasGone_PeerRestarts_ResealedForTheNewSessionShownOnceThenDelivered(bool fifo)
    {
        await using var pair = await ChatPair.StartAsync(emulator, fifo: fifo, mode: SecurityMode.Pin);
        var firstCode = await EstablishedCodeAsync(pair.AliceSees);
        await EstablishedCodeAsync(pair.BobSees);
        await pair.StopBobAsync();

        // Accepted by SQS, sealed for a session whose keys died with Bob: nobody can open these any more.
        var first = pair.Alice.Send("while you were away");
        var second = pair.Alice.Send("and this too");
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == second);
        await pair.StartBobAsync();

        await pair.AliceSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established && s.SafetyCode != firstCode, RestartBound);
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageDelivered>(d => d.LocalId == first, RestartBound);
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageDelivered>(d => d.LocalId == second, RestartBound);
        var sentLater = pair.Alice.Send("after the restart");
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageDelivered>(d => d.LocalId == sentLater);

        Assert.Equal(
            ["while you were away", "and this too", "after the restart"],
            pair.BobSees.OfType<ChatEvent.PeerMessage>().Select(m => m.Text));

        // Back to pending when the new session took them over, then sent again: the history shows what happens.
        var states = pair.AliceSees.Events
            .Where(e => e is ChatEvent.OwnMessagePending { LocalId: var id } && id == first
                || e is ChatEvent.OwnMessageSent { LocalId: var sent } && sent == first)
            .Select(e => e.GetType().Name);
        Assert.Equal(["OwnMessageSent", "OwnMessagePending", "OwnMessageSent"], states);
        Assert.Empty(pair.AliceSees.OfType<ChatEvent.OwnMessageFailed>());
    }

    [Fact]
    public async Task TypedBeforeThePeerEverCame_WaitsInTheOutboxAndGoesOutInOrderOnce()
    {
        await using var pair = await ChatPair.StartAsync(emulator, mode: SecurityMode.Pin, startBob: false);
        var ids = Enumerable.Range(1, 5).Select(i => pair.Alice.Send($"early {i}")).ToArray();
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        Assert.Empty(pair.AliceSees.OfType<ChatEvent.OwnMessageSent>());

        await pair.StartBobAsync();

        foreach (var id in ids)
        {
            await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageDelivered>(d => d.LocalId == id);
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"early {i}"), pair.BobSees.OfType<ChatEvent.PeerMessage>().Select(m => m.Text));
    }

    private static async Task<string> EstablishedCodeAsync(EventRecorder sees) =>
        (await sees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established)).SafetyCode!;
}

using Amazon.SQS.Model;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>
/// Attacks on the pin-mode handshake while or before a session works, through the real pipeline: stale frames
/// from earlier processes, replayed and injected hellos and confirms, and a man in the middle: relaying between two
/// sides whose PINs differ, or, having guessed the PIN, running one handshake with each side. The working session
/// continues until a new handshake is confirmed.
/// </summary>
public sealed class PinModeAttackHandshakeTests(SqsEmulator emulator)
{
    [Fact]
    public async Task StaleHandshakeFromAnEarlierSession_WorkingSessionContinuesAndTheConfirmIsNotAFailure()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);

        // An earlier run of each side, same PIN: the peer's run answered the victim's hello and confirmed, then both
        // went away before the victim's run could confirm back. Their frames are still on their way.
        var now = DateTimeOffset.UtcNow;
        using var earlierVictim = PinChannel.ForPin(new Pin("1234"), new QueuePair(victim.Names.Tx, victim.Names.Rx), PinModeAttackVictim.ShortPolicy);
        using var earlierPeer = PinChannel.ForPin(new Pin("1234"), new QueuePair(victim.Names.Rx, victim.Names.Tx), HandshakePolicy.Default);
        earlierPeer.Start(now);
        var earlierVictimHello = Assert.Single(earlierVictim.Start(now).OfType<ChannelOutput.Send>()).Body;
        var stale = earlierPeer.Open(earlierVictimHello, null, now).OfType<ChannelOutput.Send>().Select(s => s.Body).ToArray();
        Assert.Equal([EnvelopeKind.Hello, EnvelopeKind.Confirm], stale.Select(b => ScriptedPeer.HandshakeFrame(b)!.Kind));

        using var peer = await victim.EstablishWithPeerAsync();
        var code = peer.Channel.SafetyCode;
        foreach (var body in stale)
        {
            await peer.SendRawAsync(body);
        }

        await peer.SendTextAsync("after the stale frames");
        await victim.WaitForShownAsync("after the stale frames");
        var sent = victim.Session.Send("still talking");
        await peer.WaitForTextAsync("still talking");

        // The stale hello was answered (nothing tells it from a new run of the peer), so its timeout is one failed
        // attempt; the stale confirm, meant for a session of the victim's that is gone, is not another.
        var timedOut = await victim.WaitForNoticeAsync("(failed attempt 1 of 3)");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await victim.WaitUntilRxEmptyAsync();

        Assert.StartsWith("A handshake was not confirmed", timedOut.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(victim.NoticeTexts, n => n.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        Assert.Single(victim.NoticeTexts, n => n.Contains("(failed attempt", StringComparison.Ordinal));
        Assert.DoesNotContain(victim.NoticeTexts, n => n.StartsWith("New session", StringComparison.Ordinal));
        Assert.Equal([code], victim.EstablishedCodes);
        Assert.Equal(["after the stale frames"], victim.Shown);
        Assert.Contains(victim.Sees.OfType<ChatEvent.OwnMessageSent>(), s => s.LocalId == sent);
    }

    [Fact]
    public async Task ReplayedAndInjectedHandshakeFramesWhileWorking_SessionKeepsItsCodeAndOnlyTheInjectedHelloCounts()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var peer = await victim.EstablishWithPeerAsync();
        var code = peer.Channel.SafetyCode;
        var peerHandshake = peer.Sent.Where(b => WireBody.Classify(b) == WireBodyKind.Cleartext).ToArray();
        Assert.Contains(peerHandshake, b => ScriptedPeer.HandshakeFrame(b)!.Kind == EnvelopeKind.Confirm);
        var first = await peer.SendTextAsync("first");
        await victim.WaitForShownAsync("first");
        victim.Session.Send("first back");
        await peer.WaitForTextAsync("first back");

        // (a) the peer's own hello and confirm again, then its first message again: a handshake replay must not
        // start the session over, which would also reset the sequence numbers that stop token replays.
        foreach (var body in peerHandshake)
        {
            await peer.SendRawAsync(body);
        }

        await peer.SendRawAsync(first);

        // (b) a hello from someone with another PIN, never confirmed.
        using var intruder = await victim.ConnectPeerAsync(pin: "9999");
        await intruder.StartAsync();
        var failure = await victim.WaitForNoticeAsync("(failed attempt");

        await peer.SendTextAsync("second");
        await victim.WaitForShownAsync("second");
        victim.Session.Send("second back");
        await peer.WaitForTextAsync("second back");
        await victim.WaitUntilRxEmptyAsync();

        Assert.Contains("(failed attempt 1 of 3)", failure.Text, StringComparison.Ordinal);
        Assert.Single(victim.NoticeTexts, n => n.Contains("(failed attempt", StringComparison.Ordinal));
        Assert.DoesNotContain(victim.NoticeTexts, n => n.StartsWith("New session", StringComparison.Ordinal));
        Assert.Equal([code], victim.EstablishedCodes);
        Assert.Equal(["first", "second"], victim.Shown);
        Assert.Equal(["first back", "second back"], peer.Texts);
    }

    [Fact]
    public async Task RelayBetweenSidesWithDifferentPins_BothFailAndNoTextCrosses()
    {
        // Alice sends to m1 and reads m2; Bob sends to m4 and reads m3; the man in the middle copies m1 to m3 and
        // m4 to m2. The names sort so that Alice is role A and Bob role B, as two real ends would be.
        var (m1, m2, m3, m4) = (
            await emulator.CreateQueueAsync("m1", fifo: true),
            await emulator.CreateQueueAsync("m2", fifo: true),
            await emulator.CreateQueueAsync("m3", fifo: true),
            await emulator.CreateQueueAsync("m4", fifo: true));
        await using var alice = await PinModeAttackVictim.StartOnAsync(emulator, new QueueNames(m1, m2), "1111");
        await using var bob = await PinModeAttackVictim.StartOnAsync(emulator, new QueueNames(m4, m3), "2222");
        using var stop = new CancellationTokenSource();
        var relays = Task.WhenAll(RelayAsync(m1, m3, stop.Token), RelayAsync(m4, m2, stop.Token));
        try
        {
            alice.Session.Send("alice typed this");
            bob.Session.Send("bob typed this");
            var aliceSaw = await alice.WaitForNoticeAsync(Handshake.PinMismatch);
            var bobSaw = await bob.WaitForNoticeAsync(Handshake.PinMismatch);
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

            Assert.StartsWith(Handshake.PinMismatch, aliceSaw.Text, StringComparison.Ordinal);
            Assert.StartsWith(Handshake.PinMismatch, bobSaw.Text, StringComparison.Ordinal);
            foreach (var side in new[] { alice, bob })
            {
                Assert.Empty(side.Shown);
                Assert.Empty(side.Sees.OfType<ChatEvent.OwnMessageSent>());
                Assert.Empty(side.EstablishedCodes);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await relays;
        }
    }

    [Fact]
    public async Task ManInTheMiddleWhoGuessedThePin_ReadsAndForwardsButTheTwoSafetyCodesDiffer()
    {
        // The limit of any PIN scheme: whoever guessed the PIN can run one handshake with each side. Both sessions
        // work; comparing the safety codes by voice is what shows the two ends are not talking to each other.
        var (m1, m2, m3, m4) = (
            await emulator.CreateQueueAsync("m1", fifo: true),
            await emulator.CreateQueueAsync("m2", fifo: true),
            await emulator.CreateQueueAsync("m3", fifo: true),
            await emulator.CreateQueueAsync("m4", fifo: true));
        await using var alice = await PinModeAttackVictim.StartOnAsync(emulator, new QueueNames(m1, m2), "1234");
        await using var bob = await PinModeAttackVictim.StartOnAsync(emulator, new QueueNames(m4, m3), "1234");
        using var towardAlice = await ScriptedPeer.ConnectAsync(emulator, tx: m2, rx: m1);
        using var towardBob = await ScriptedPeer.ConnectAsync(emulator, tx: m3, rx: m4);
        await towardAlice.StartAsync();
        await towardBob.StartAsync();
        await towardAlice.PumpUntilEstablishedAsync();
        await towardBob.PumpUntilEstablishedAsync();

        var aliceCode = await alice.EstablishedCodeAsync();
        var bobCode = await bob.EstablishedCodeAsync();
        alice.Session.Send("for bob");
        await towardAlice.WaitForTextAsync("for bob");
        await towardBob.SendTextAsync("for bob");
        await bob.WaitForShownAsync("for bob");

        Assert.Equal(towardAlice.Channel.SafetyCode, aliceCode);
        Assert.Equal(towardBob.Channel.SafetyCode, bobCode);
        Assert.NotEqual(aliceCode, bobCode);
    }

    /// <summary>Copies every body from one queue to another until stopped; polls are short and never cancelled.</summary>
    private async Task RelayAsync(string from, string to, CancellationToken stop)
    {
        using var sqs = emulator.CreateClient();
        var fromUrl = (await sqs.GetQueueUrlAsync(from, CancellationToken.None)).QueueUrl;
        var toUrl = (await sqs.GetQueueUrlAsync(to, CancellationToken.None)).QueueUrl;
        while (!stop.IsCancellationRequested)
        {
            var received = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = fromUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 },
                CancellationToken.None);
            foreach (var message in received.Messages ?? [])
            {
                await sqs.SendMessageAsync(
                    new SendMessageRequest
                    {
                        QueueUrl = toUrl,
                        MessageBody = message.Body,
                        MessageGroupId = SqsMessageQueue.MessageGroupId,
                        MessageDeduplicationId = Guid.NewGuid().ToString("N"),
                    },
                    CancellationToken.None);
                await sqs.DeleteMessageAsync(fromUrl, message.ReceiptHandle, CancellationToken.None);
            }
        }
    }
}

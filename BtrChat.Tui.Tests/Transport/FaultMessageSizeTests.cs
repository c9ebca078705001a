using System.Text;
using Amazon.SQS.Model;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

/// <summary>
/// A message larger than what can be sent: refused before sending, with the limit in the reason. Two limits apply:
/// the channel's (a text whose sealed body would exceed SQS's 1 MiB maximum) and the queue's own MaximumMessageSize,
/// which may be set as low as 1,024 bytes.
/// </summary>
public sealed class FaultMessageSizeTests(SqsEmulator emulator)
{
    private const int SmallQueueLimit = 1024;

    [Theory]
    [InlineData(SecurityMode.Legacy)]
    [InlineData(SecurityMode.Pin)]
    public async Task Send_TextOverTheChannelLimit_RefusedBeforeSendingNamingItsSizeAndTheLimit(SecurityMode mode)
    {
        await using var pair = await ChatPair.StartAsync(emulator, mode: mode);
        await SettledAsync(pair, mode);
        await pair.StopBobAsync();
        var limit = MaxTextBytes(mode);

        // Two-byte characters: the limit is in UTF-8 bytes, not characters.
        var text = new string('é', (limit / 2) + 1);
        var tooLong = pair.Alice.Send(text);
        var failed = await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageFailed>(f => f.LocalId == tooLong);
        var control = pair.Alice.Send("small");
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == control);

        Assert.Contains($"{Encoding.UTF8.GetByteCount(text)} bytes", failed.Reason, StringComparison.Ordinal);
        Assert.Contains($"the limit is {limit}", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failed.Reason);
        Assert.False(failed.CanRetry, "a text too long for any body can never be sent, so retrying it is not offered");
        Assert.DoesNotContain(pair.AliceSees.OfType<ChatEvent.OwnMessageSent>(), s => s.LocalId == tooLong);

        // Only the control reached the queue: the refused text never left.
        Assert.Equal(1, await emulator.CountMessagesAsync(pair.AliceToBob));
    }

    [Theory]
    [InlineData(SecurityMode.Legacy)]
    [InlineData(SecurityMode.Pin)]
    public async Task Send_TextOfExactlyTheChannelLimit_FitsAQueueOfSqsDefaultSizeAndArrives(SecurityMode mode)
    {
        await using var pair = await ChatPair.StartAsync(emulator, mode: mode);
        await SettledAsync(pair, mode);
        var text = new string('a', MaxTextBytes(mode));

        var sent = pair.Alice.Send(text);

        Assert.Equal(text, (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == sent);
    }

    [Fact]
    public async Task Resolve_QueueWithASmallerMaximumMessageSize_ReportsItAndADefaultQueueReportsSqsMaximum()
    {
        var small = await CreateQueueAsync("small", SmallQueueLimit);
        var normal = await emulator.CreateQueueAsync("normal", fifo: true);
        using var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);

        var smallInfo = await queue.ResolveAsync(small, TestContext.Current.CancellationToken);
        var normalInfo = await queue.ResolveAsync(normal, TestContext.Current.CancellationToken);

        Assert.Equal(SmallQueueLimit, smallInfo.MaximumMessageSize);
        Assert.Equal(QueueInfo.SqsMaximumMessageSize, normalInfo.MaximumMessageSize);
        Assert.Equal(1_048_576, normalInfo.MaximumMessageSize);
    }

    [Fact]
    public async Task SendBatch_OneBodyOverTheQueuesMaximum_OnlyThatOneIsRefusedUnsentWithTheLimit()
    {
        var name = await CreateQueueAsync("batch-small", SmallQueueLimit);
        using var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
        var info = await queue.ResolveAsync(name, TestContext.Current.CancellationToken);
        var tooBig = new string('x', SmallQueueLimit + 1);

        var outcomes = await queue.SendBatchAsync(info, ["first", tooBig, "third", new string('y', SmallQueueLimit)], TestContext.Current.CancellationToken);

        Assert.Null(outcomes[0]);
        var refused = Assert.IsType<SqsFailure>(outcomes[1]);
        Assert.True(refused.IsFatal);
        Assert.Contains($"'{name}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{SmallQueueLimit + 1} bytes", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"limit is {SmallQueueLimit}", refused.Message, StringComparison.Ordinal);
        Assert.Null(outcomes[2]);
        Assert.Null(outcomes[3]);
        Assert.Equal(3, await emulator.CountMessagesAsync(name));
    }

    [Fact]
    public async Task SendBatch_EveryBodyOverTheQueuesMaximum_NoRequestAndEachRefused()
    {
        var name = await CreateQueueAsync("batch-none", SmallQueueLimit);
        using var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
        var info = await queue.ResolveAsync(name, TestContext.Current.CancellationToken);

        var outcomes = await queue.SendBatchAsync(info, [new string('x', 2000), new string('z', 3000)], TestContext.Current.CancellationToken);

        Assert.All(outcomes, o => Assert.True(o?.IsFatal));
        Assert.Equal(0, await emulator.CountMessagesAsync(name));
    }

    /// <summary>
    /// The gap between the two limits: a text well under the channel's limit whose sealed body is over the queue's
    /// MaximumMessageSize. The session's own check passes it; the transport refuses it before sending.
    /// </summary>
    [Theory]
    [InlineData(SecurityMode.Legacy)]
    [InlineData(SecurityMode.Pin)]
    public async Task Send_TextUnderTheChannelLimitButSealedOverTheQueuesMaximum_RefusedUnsentWithTheQueuesLimit(SecurityMode mode)
    {
        var aliceToBob = await CreateQueueAsync("a2b-small", SmallQueueLimit);
        var bobToAlice = await CreateQueueAsync("b2a-small", SmallQueueLimit);
        await using var alice = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(aliceToBob, bobToAlice), mode);
        await using var bob = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(bobToAlice, aliceToBob), mode);
        if (mode == SecurityMode.Pin)
        {
            await alice.Sees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established);
            await bob.Sees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established);
        }

        var text = new string('a', 900);
        var tooBig = alice.Session.Send(text);
        var failed = await alice.Sees.WaitForAsync<ChatEvent.OwnMessageFailed>(f => f.LocalId == tooBig);
        var after = alice.Session.Send("short");
        await alice.Sees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == after);
        if (mode == SecurityMode.Legacy)
        {
            // (In pin mode the refused text had taken a sequence number, so the peer holds "short" for the gap
            // timeout and then reports one message missing: the session should check before sealing.)
            Assert.Equal("short", (await bob.Sees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        }

        Assert.True(Encoding.UTF8.GetByteCount(text) < MaxTextBytes(mode));
        Assert.Contains($"'{aliceToBob}'", failed.Reason, StringComparison.Ordinal);
        Assert.Contains($"the queue's limit is {SmallQueueLimit}", failed.Reason, StringComparison.Ordinal);
        Assert.False(failed.CanRetry, "the queue would refuse the same body again, so retrying it is not offered");
        Assert.DoesNotContain('\n', failed.Reason);
        Assert.DoesNotContain(bob.Sees.OfType<ChatEvent.PeerMessage>(), m => m.Text == text);
        Assert.DoesNotContain(bob.Sees.Events, e => e is ChatEvent.Rejected);
    }

    private static int MaxTextBytes(SecurityMode mode)
    {
        using var channel = SecureChannels.Create(mode, new Pin("1234"), new QueueNames("tx", "rx"), HandshakePolicy.Default);
        return channel.MaxTextBytes;
    }

    /// <summary>Pin mode: both sides secure and every handshake frame consumed, so the queues hold only what a test sends.</summary>
    private async Task SettledAsync(ChatPair pair, SecurityMode mode)
    {
        if (mode == SecurityMode.Legacy)
        {
            return;
        }

        await pair.AliceSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established);
        await pair.BobSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established);
        await WaitUntilEmptyAsync(pair.AliceToBob);
        await WaitUntilEmptyAsync(pair.BobToAlice);
    }

    private async Task WaitUntilEmptyAsync(string queueName)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int count;
        while ((count = await emulator.CountMessagesAsync(queueName)) != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, count);
    }

    private async Task<string> CreateQueueAsync(string prefix, int maximumMessageSize)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}.fifo";
        using var client = emulator.CreateClient();
        await client.CreateQueueAsync(
            new CreateQueueRequest
            {
                QueueName = name,
                Attributes = new()
                {
                    ["FifoQueue"] = "true",
                    ["ContentBasedDeduplication"] = "true",
                    ["MaximumMessageSize"] = maximumMessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            },
            TestContext.Current.CancellationToken);
        return name;
    }
}

using BtrChat.Chat;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

/// <summary>
/// A queue that does not exist, or is deleted while two people chat: one clear line, and the poller stops calling.
/// The private emulator logs every request it gets, so "no retry storm" is counted, not assumed.
/// </summary>
public sealed class FaultMissingQueueTests
{
    /// <summary>How long the endpoint is watched after the session stopped.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_QueueMissing_StopsOnceWithOneLineNamingItAndMakesNoMoreRequests(bool txMissing)
    {
        var present = $"present-{Guid.NewGuid():N}.fifo";
        var missing = $"missing-{Guid.NewGuid():N}.fifo";
        await using var emulator = await PrivateEmulator.StartAsync([present], countRequests: true);
        var queues = txMissing ? new QueueNames(missing, present) : new QueueNames(present, missing);

        await using var side = await FaultSession.StartAsync(emulator.SqsEndpoint, queues, waitOnline: false);
        var stopped = await side.WaitForStateAsync(ConnectionState.Stopped, count: 1, TimeSpan.FromSeconds(10));
        await Task.Delay(Quiet, TestContext.Current.CancellationToken);

        var detail = Assert.Single(stopped).Status.Detail!;
        Assert.Contains($"'{missing}' does not exist", detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', detail);
        Assert.Single(side.Connection, c => c.Status.State == ConnectionState.Stopped);
        Assert.DoesNotContain(side.Connection, c => c.Status.State is ConnectionState.Offline or ConnectionState.Online);
        Assert.Equal(0, emulator.RequestsSince(stopped[0].SeenAt));
    }

    [Fact]
    public async Task RxQueueDeletedWhileChatting_StopsOnceWithOneLineNamingItAndTheEndpointHearsNoMore()
    {
        var aliceToBob = $"a2b-{Guid.NewGuid():N}.fifo";
        var bobToAlice = $"b2a-{Guid.NewGuid():N}.fifo";
        await using var emulator = await PrivateEmulator.StartAsync([aliceToBob, bobToAlice], countRequests: true);
        await using var alice = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(aliceToBob, bobToAlice));
        await using var bob = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(bobToAlice, aliceToBob));
        alice.Session.Send("before");
        await bob.Sees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == "before");
        await WaitUntilEmptyAsync(emulator, aliceToBob);
        using var sqs = emulator.CreateClient();

        // Bob's long poll is parked on the queue when it goes.
        await sqs.DeleteQueueAsync((await sqs.GetQueueUrlAsync(aliceToBob, TestContext.Current.CancellationToken)).QueueUrl, TestContext.Current.CancellationToken);
        var stopped = await bob.WaitForStateAsync(ConnectionState.Stopped, count: 1, TimeSpan.FromSeconds(10));
        await Task.Delay(Quiet, TestContext.Current.CancellationToken);
        var requestsWhileQuiet = emulator.RequestsSince(stopped[0].SeenAt);

        // The sender's side of the same queue: one failed message with the same line, no retries.
        var sent = alice.Session.Send("into the void");
        var failed = await alice.Sees.WaitForAsync<ChatEvent.OwnMessageFailed>(f => f.LocalId == sent);

        var detail = Assert.Single(stopped).Status.Detail!;
        Assert.Contains($"'{aliceToBob}' does not exist", detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', detail);
        Assert.Single(bob.Connection, c => c.Status.State == ConnectionState.Stopped);
        Assert.DoesNotContain(bob.Connection, c => c.Status.State == ConnectionState.Offline);
        Assert.InRange(requestsWhileQuiet, 0, 1);
        Assert.Equal(detail, failed.Reason);

        // Exactly one more request: the send. Waiting a second for a second one that must not come.
        Assert.Equal(requestsWhileQuiet + 1, await emulator.WaitForRequestsSinceAsync(stopped[0].SeenAt, requestsWhileQuiet + 2, TimeSpan.FromSeconds(1)));

        // Alice's own rx queue is untouched, so she still hears Bob.
        bob.Session.Send("still here");
        Assert.Equal("still here", (await alice.Sees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        Assert.DoesNotContain(alice.Connection, c => c.Status.State is ConnectionState.Stopped or ConnectionState.Offline);
    }

    [Fact]
    public async Task TxQueueDeletedThenRecreated_FailedMessageRetried_ArrivesOnceAfterThePeerRetriesToo()
    {
        var aliceToBob = $"a2b-{Guid.NewGuid():N}.fifo";
        var bobToAlice = $"b2a-{Guid.NewGuid():N}.fifo";
        await using var emulator = await PrivateEmulator.StartAsync([aliceToBob, bobToAlice]);
        await using var alice = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(aliceToBob, bobToAlice));
        await using var bob = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(bobToAlice, aliceToBob));
        using var sqs = emulator.CreateClient();
        var token = TestContext.Current.CancellationToken;
        await sqs.DeleteQueueAsync((await sqs.GetQueueUrlAsync(aliceToBob, token)).QueueUrl, token);
        await bob.WaitForStateAsync(ConnectionState.Stopped, count: 1, TimeSpan.FromSeconds(10));
        var sent = alice.Session.Send("second chance");
        await alice.Sees.WaitForAsync<ChatEvent.OwnMessageFailed>(f => f.LocalId == sent);

        await sqs.CreateQueueAsync(
            new Amazon.SQS.Model.CreateQueueRequest
            {
                QueueName = aliceToBob,
                Attributes = new() { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" },
            },
            token);
        bob.Session.RetryFailed();
        alice.Session.RetryFailed();

        await alice.Sees.WaitForAsync<ChatEvent.OwnMessagePending>(p => p.LocalId == sent);
        await alice.Sees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == sent);
        Assert.Equal("second chance", (await bob.Sees.WaitForAsync<ChatEvent.PeerMessage>(timeout: TimeSpan.FromSeconds(20))).Text);
        await bob.WaitForStateAsync(ConnectionState.Online, count: 2, TimeSpan.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1), token);
        Assert.Single(bob.Sees.OfType<ChatEvent.PeerMessage>());
    }

    private static async Task WaitUntilEmptyAsync(PrivateEmulator emulator, string queueName)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int count;
        while ((count = await emulator.CountMessagesAsync(queueName)) != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, count);
    }
}

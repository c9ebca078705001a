using Amazon.SQS.Model;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

public sealed class SqsMessageQueueTests(SqsEmulator emulator)
{
    private readonly SqsMessageQueue _queue = new(emulator.SqsEndpoint.CreateClient);

    [Fact]
    public async Task Resolve_FifoQueueWithContentDeduplication_ReportsBoth()
    {
        var name = await emulator.CreateQueueAsync("resolve", fifo: true);

        var info = await _queue.ResolveAsync(name, TestContext.Current.CancellationToken);

        Assert.Equal(name, info.Name);
        Assert.True(info.IsFifo);
        Assert.True(info.ContentBasedDeduplication);
        Assert.Contains(name, info.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_MissingQueue_IsAFatalFailureNamingTheQueue()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => _queue.ResolveAsync("no-such-queue-here", TestContext.Current.CancellationToken));

        var failure = SqsFailure.From(error, "no-such-queue-here");
        Assert.True(failure.IsFatal);
        Assert.Contains("no-such-queue-here", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public async Task SendThenReceive_AnyQueueKind_DeliversTheBodyInTheBtrchatGroup(bool fifo, bool contentBasedDeduplication)
    {
        var name = await emulator.CreateQueueAsync("send", fifo, contentBasedDeduplication);
        var info = await _queue.ResolveAsync(name, TestContext.Current.CancellationToken);

        Assert.Equal([null], await _queue.SendBatchAsync(info, ["body-1"], TestContext.Current.CancellationToken));
        using var client = emulator.CreateClient();
        var received = await client.ReceiveMessageAsync(
            new ReceiveMessageRequest { QueueUrl = info.Url, WaitTimeSeconds = 5, MessageSystemAttributeNames = ["MessageGroupId"] },
            TestContext.Current.CancellationToken);

        var message = Assert.Single(received.Messages);
        Assert.Equal("body-1", message.Body);
        if (fifo)
        {
            Assert.Equal(SqsMessageQueue.MessageGroupId, message.Attributes["MessageGroupId"]);
        }
    }

    [Fact]
    public async Task Receive_AfterDelete_QueueIsEmpty()
    {
        var name = await emulator.CreateQueueAsync("delete", fifo: false);
        var info = await _queue.ResolveAsync(name, TestContext.Current.CancellationToken);
        await _queue.SendBatchAsync(info, ["a", "b"], TestContext.Current.CancellationToken);

        var received = await _queue.ReceiveAsync(info, TestContext.Current.CancellationToken);
        var failed = await _queue.DeleteBatchAsync([.. received.Select(m => m.Handle)], TestContext.Current.CancellationToken);

        Assert.Empty(failed);
        Assert.Equal(["a", "b"], received.Select(m => m.Body).Order());
        Assert.Equal(0, await emulator.CountMessagesAsync(name));
    }

    [Fact]
    public async Task SendBatch_TenBodiesToAFifoQueue_ArriveInOrderInOneRequest()
    {
        var name = await emulator.CreateQueueAsync("batch", fifo: true);
        var info = await _queue.ResolveAsync(name, TestContext.Current.CancellationToken);
        var bodies = Enumerable.Range(1, SqsMessageQueue.MaxBatchEntries).Select(i => $"m{i}").ToArray();

        var outcomes = await _queue.SendBatchAsync(info, bodies, TestContext.Current.CancellationToken);

        Assert.All(outcomes, Assert.Null);
        var received = new List<string>();
        while (received.Count < bodies.Length)
        {
            foreach (var message in await _queue.ReceiveAsync(info, TestContext.Current.CancellationToken))
            {
                received.Add(message.Body);
                await _queue.DeleteBatchAsync([message.Handle], TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(bodies, received);
    }

    [Fact]
    public async Task SendBatch_SameBodyTwiceToAContentDeduplicatedFifoQueue_DeliversBoth()
    {
        var name = await emulator.CreateQueueAsync("dedup", fifo: true);
        var info = await _queue.ResolveAsync(name, TestContext.Current.CancellationToken);

        await _queue.SendBatchAsync(info, ["same hello"], TestContext.Current.CancellationToken);
        await _queue.SendBatchAsync(info, ["same hello"], TestContext.Current.CancellationToken);

        Assert.Equal(2, await emulator.CountMessagesAsync(name));
    }

    [Fact]
    public async Task Release_ReceivedMessage_IsVisibleAgainAtOnce()
    {
        var name = await emulator.CreateQueueAsync("release", fifo: true);
        var info = await _queue.ResolveAsync(name, TestContext.Current.CancellationToken);
        await _queue.SendBatchAsync(info, ["again"], TestContext.Current.CancellationToken);
        var first = Assert.Single(await _queue.ReceiveAsync(info, TestContext.Current.CancellationToken));

        await _queue.ReleaseAsync(first.Handle, TestContext.Current.CancellationToken);
        var second = Assert.Single(await _queue.ReceiveAsync(info, TestContext.Current.CancellationToken));

        Assert.Equal("again", second.Body);
        Assert.Equal(first.Handle.MessageId, second.Handle.MessageId);
    }
}

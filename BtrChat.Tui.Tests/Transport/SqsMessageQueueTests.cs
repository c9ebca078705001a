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

        await _queue.SendAsync(info, "body-1", TestContext.Current.CancellationToken);
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
        await _queue.SendAsync(info, "a", TestContext.Current.CancellationToken);
        await _queue.SendAsync(info, "b", TestContext.Current.CancellationToken);

        var received = await _queue.ReceiveAsync(info, TestContext.Current.CancellationToken);
        foreach (var message in received)
        {
            await _queue.DeleteAsync(message.Handle, TestContext.Current.CancellationToken);
        }

        Assert.Equal(["a", "b"], received.Select(m => m.Body).Order());
        Assert.Equal(0, await emulator.CountMessagesAsync(name));
    }

    [Fact]
    public async Task Release_ReceivedMessage_IsVisibleAgainAtOnce()
    {
        var name = await emulator.CreateQueueAsync("release", fifo: true);
        var info = await _queue.ResolveAsync(name, TestContext.Current.CancellationToken);
        await _queue.SendAsync(info, "again", TestContext.Current.CancellationToken);
        var first = Assert.Single(await _queue.ReceiveAsync(info, TestContext.Current.CancellationToken));

        await _queue.ReleaseAsync(first.Handle, TestContext.Current.CancellationToken);
        var second = Assert.Single(await _queue.ReceiveAsync(info, TestContext.Current.CancellationToken));

        Assert.Equal("again", second.Body);
        Assert.Equal(first.Handle.MessageId, second.Handle.MessageId);
    }
}

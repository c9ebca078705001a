using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

/// <summary>/check's counts, against the emulator: waiting is what can be received now, in flight what was received and not deleted.</summary>
public sealed class SqsQueueDepthTests(SqsEmulator emulator)
{
    private readonly SqsMessageQueue _queue = new(emulator.SqsEndpoint.CreateClient);

    [Fact]
    public async Task Count_EmptyQueue_IsZeroAndZero()
    {
        var info = await _queue.ResolveAsync(await emulator.CreateQueueAsync("depth-empty", fifo: true), TestContext.Current.CancellationToken);

        var depth = await _queue.CountAsync(info, TestContext.Current.CancellationToken);

        Assert.Equal(new QueueDepth(info.Name, 0, 0), depth);
    }

    [Fact]
    public async Task Count_ThreeSentAndTwoReceivedNotDeleted_IsOneWaitingAndTwoInFlight()
    {
        var info = await _queue.ResolveAsync(await emulator.CreateQueueAsync("depth", fifo: false), TestContext.Current.CancellationToken);
        await _queue.SendBatchAsync(info, ["a", "b", "c"], TestContext.Current.CancellationToken);
        using var client = emulator.CreateClient();
        var received = await client.ReceiveMessageAsync(
            new Amazon.SQS.Model.ReceiveMessageRequest { QueueUrl = info.Url, MaxNumberOfMessages = 2, VisibilityTimeout = 60 },
            TestContext.Current.CancellationToken);
        Assert.Equal(2, received.Messages.Count);

        var depth = await _queue.CountAsync(info, TestContext.Current.CancellationToken);

        Assert.Equal(new QueueDepth(info.Name, 1, 2), depth);
    }
}

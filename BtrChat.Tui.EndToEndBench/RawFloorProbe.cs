using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;

namespace BtrChat.EndToEndBench;

/// <summary>
/// The floor for one-way latency, no chat: a receiver already parked in a 20 s long poll, then one SendMessage;
/// the time from the send call until the receive returns. Same SDK and client settings as the app (two clients,
/// as two people would have), on a queue of its own. Counts the requests it makes, so that a request count taken
/// while its samples are interleaved with chat messages can leave them out.
/// </summary>
public sealed class RawFloorProbe(SqsEndpoint endpoint, string queueUrl, QueueKind kind) : IDisposable
{
    private readonly IAmazonSQS _sender = endpoint.CreateClient();
    private readonly IAmazonSQS _receiver = endpoint.CreateClient();
    private int _sequence;

    public long Requests { get; private set; }

    /// <summary>
    /// One sample, in milliseconds. The receive stays parked at the emulator for <paramref name="park"/> before the send:
    /// the same quiet time a chat message gets before it is sent, so that both start from an equally idle machine.
    /// </summary>
    public async Task<double> SampleAsync(TimeSpan park, TimeSpan timeout)
    {
        var receive = ReceiveOneAsync();
        await Task.Delay(park);
        var request = new SendMessageRequest { QueueUrl = queueUrl, MessageBody = $"raw {_sequence++}" };
        if (kind == QueueKind.Fifo)
        {
            request.MessageGroupId = SqsMessageQueue.MessageGroupId;
            request.MessageDeduplicationId = Guid.NewGuid().ToString("N");
        }

        var sent = Stopwatch.GetTimestamp();
        await _sender.SendMessageAsync(request);
        var (received, handle) = await receive.WaitAsync(timeout);
        await _receiver.DeleteMessageAsync(queueUrl, handle);
        Requests += 2;
        return LatencyStats.Milliseconds(sent, received);
    }

    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    private async Task<(long Timestamp, string ReceiptHandle)> ReceiveOneAsync()
    {
        while (true)
        {
            var response = await _receiver.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = SqsMessageQueue.MaxMessagesPerReceive,
                WaitTimeSeconds = SqsMessageQueue.LongPollSeconds,
                VisibilityTimeout = SqsMessageQueue.VisibilityTimeoutSeconds,
            });
            var now = Stopwatch.GetTimestamp();
            Requests++;
            if (response.Messages is [var message, ..])
            {
                return (now, message.ReceiptHandle);
            }
        }
    }
}

using System.Text;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace BtrChat.Transport;

/// <summary>
/// <see cref="IMessageQueue"/> on Amazon SQS (or anything that speaks its JSON protocol). The SDK client is
/// built on first use, which is always on a background task, so start-up never waits for it.
/// </summary>
public sealed class SqsMessageQueue(Func<IAmazonSQS> createClient) : IMessageQueue, IDisposable
{
    private readonly Lazy<IAmazonSQS> _sqs = new(createClient, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The original's group id: a FIFO queue keeps one ordered conversation.</summary>
    public const string MessageGroupId = "btrchat";

    /// <summary>SQS's longest long poll: the fewest requests while idle, and no extra latency.</summary>
    public const int LongPollSeconds = 20;

    public const int MaxMessagesPerReceive = 10;

    /// <summary>SQS's limits for one SendMessageBatch or DeleteMessageBatch: entries, and bytes of all bodies together.</summary>
    public const int MaxBatchEntries = 10;

    public const int MaxBatchBytes = 256 * 1024;

    /// <summary>
    /// How long a received message stays hidden from other readers. A process that dies (or quits) while its
    /// long poll is parked can have messages handed to that dead connection; they reappear only after this, so
    /// it is kept short, yet longer than a message normally waits to be shown (ordering gaps wait 10 s).
    /// </summary>
    public const int VisibilityTimeoutSeconds = 20;

    private IAmazonSQS Sqs => _sqs.Value;

    public async Task<QueueInfo> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var url = (await Sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken)).QueueUrl;
        var attributes = await Sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["FifoQueue", "ContentBasedDeduplication", "MaximumMessageSize"] },
            cancellationToken);
        return new QueueInfo(
            name,
            url,
            IsTrue(attributes.Attributes, "FifoQueue"),
            IsTrue(attributes.Attributes, "ContentBasedDeduplication"),
            PositiveInt(attributes.Attributes, "MaximumMessageSize") ?? QueueInfo.SqsMaximumMessageSize);
    }

    public async Task<IReadOnlyList<SqsFailure?>> SendBatchAsync(QueueInfo queue, IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bodies.Count, MaxBatchEntries, nameof(bodies));
        var request = new SendMessageBatchRequest { QueueUrl = queue.Url, Entries = [] };
        var outcomes = new SqsFailure?[bodies.Count];
        for (var i = 0; i < bodies.Count; i++)
        {
            // SQS would refuse it (as one failed entry); refused here, the reason can say what the limit is.
            if (Encoding.UTF8.GetByteCount(bodies[i]) is var size && size > queue.MaximumMessageSize)
            {
                outcomes[i] = SqsFailure.TooLarge(queue.Name, size, queue.MaximumMessageSize);
                continue;
            }

            var entry = new SendMessageBatchRequestEntry { Id = EntryId(i), MessageBody = bodies[i] };
            if (queue.IsFifo)
            {
                entry.MessageGroupId = MessageGroupId;

                // One id per message, kept across the SDK's own retries of this request. Content-based
                // deduplication would drop a handshake frame that is deliberately sent again with the same
                // bytes (a hello resent for a peer that restarted), so the id is always explicit.
                entry.MessageDeduplicationId = Guid.NewGuid().ToString("N");
            }

            request.Entries.Add(entry);
        }

        if (request.Entries.Count == 0)
        {
            return outcomes;
        }

        var response = await Sqs.SendMessageBatchAsync(request, cancellationToken);
        foreach (var failed in response.Failed ?? [])
        {
            if (int.TryParse(failed.Id, System.Globalization.CultureInfo.InvariantCulture, out var index) && index >= 0 && index < outcomes.Length)
            {
                outcomes[index] = SqsFailure.FromBatchEntry(failed.Code, failed.SenderFault ?? false, queue.Name);
            }
        }

        return outcomes;
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueInfo queue, CancellationToken cancellationToken)
    {
        var response = await Sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queue.Url,
                MaxNumberOfMessages = MaxMessagesPerReceive,
                WaitTimeSeconds = LongPollSeconds,
                VisibilityTimeout = VisibilityTimeoutSeconds,
            },
            cancellationToken);
        if (response.Messages is not { Count: > 0 } messages)
        {
            return [];
        }

        return messages
            .Select(m => new ReceivedMessage(m.Body ?? string.Empty, new MessageHandle(queue.Url, m.ReceiptHandle, m.MessageId)))
            .ToArray();
    }

    public async Task<IReadOnlyList<MessageHandle>> DeleteBatchAsync(IReadOnlyList<MessageHandle> handles, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(handles.Count, MaxBatchEntries, nameof(handles));
        if (handles.Count == 0)
        {
            return [];
        }

        var request = new DeleteMessageBatchRequest
        {
            QueueUrl = handles[0].QueueUrl,
            Entries = handles.Select((h, i) => new DeleteMessageBatchRequestEntry { Id = EntryId(i), ReceiptHandle = h.ReceiptHandle }).ToList(),
        };
        var response = await Sqs.DeleteMessageBatchAsync(request, cancellationToken);
        return (response.Failed ?? [])
            .Select(f => int.TryParse(f.Id, System.Globalization.CultureInfo.InvariantCulture, out var i) && i >= 0 && i < handles.Count ? handles[i] : null)
            .OfType<MessageHandle>()
            .ToArray();
    }

    public Task ReleaseAsync(MessageHandle handle, CancellationToken cancellationToken) =>
        Sqs.ChangeMessageVisibilityAsync(
            new ChangeMessageVisibilityRequest { QueueUrl = handle.QueueUrl, ReceiptHandle = handle.ReceiptHandle, VisibilityTimeout = 0 },
            cancellationToken);

    public async Task<QueueDepth> CountAsync(QueueInfo queue, CancellationToken cancellationToken)
    {
        var response = await Sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = queue.Url, AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] },
            cancellationToken);
        return new QueueDepth(
            queue.Name,
            Count(response.Attributes, "ApproximateNumberOfMessages"),
            Count(response.Attributes, "ApproximateNumberOfMessagesNotVisible"));
    }

    public void Dispose()
    {
        if (_sqs.IsValueCreated)
        {
            _sqs.Value.Dispose();
        }
    }

    private static string EntryId(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int? PositiveInt(Dictionary<string, string>? attributes, string name) =>
        attributes is not null && attributes.TryGetValue(name, out var value)
            && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : null;

    private static int Count(Dictionary<string, string>? attributes, string name) =>
        attributes is not null && attributes.TryGetValue(name, out var value)
            && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : 0;

    private static bool IsTrue(Dictionary<string, string>? attributes, string name) =>
        attributes is not null && attributes.TryGetValue(name, out var value) && bool.TryParse(value, out var flag) && flag;
}

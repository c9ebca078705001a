namespace BtrChat.Transport;

/// <summary>
/// The queue operations the chat needs, and nothing else. The one implementation talks to SQS;
/// the interface keeps the session's wiring readable and the SDK at the edge.
/// </summary>
public interface IMessageQueue
{
    Task<QueueInfo> ResolveAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Sends up to <see cref="SqsMessageQueue.MaxBatchEntries"/> bodies in one request, in order. Returns one entry
    /// per body: null where it was accepted, else why not. A body over the queue's
    /// <see cref="QueueInfo.MaximumMessageSize"/> is refused without being sent. A failure of the whole request throws.
    /// </summary>
    Task<IReadOnlyList<SqsFailure?>> SendBatchAsync(QueueInfo queue, IReadOnlyList<string> bodies, CancellationToken cancellationToken);

    /// <summary>One long poll: waits up to the poll time for up to ten messages.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueInfo queue, CancellationToken cancellationToken);

    /// <summary>Deletes up to <see cref="SqsMessageQueue.MaxBatchEntries"/> messages of one queue in one request; returns those it could not.</summary>
    Task<IReadOnlyList<MessageHandle>> DeleteBatchAsync(IReadOnlyList<MessageHandle> handles, CancellationToken cancellationToken);

    /// <summary>Makes a received message visible again at once, for whoever reads that queue next.</summary>
    Task ReleaseAsync(MessageHandle handle, CancellationToken cancellationToken);

    /// <summary>How many messages the queue holds now, by SQS's approximate counts (for /check).</summary>
    Task<QueueDepth> CountAsync(QueueInfo queue, CancellationToken cancellationToken);
}

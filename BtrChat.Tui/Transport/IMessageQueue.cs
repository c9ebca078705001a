namespace BtrChat.Transport;

/// <summary>
/// The queue operations the chat needs, and nothing else. The one implementation talks to SQS;
/// the interface keeps the session's wiring readable and the SDK at the edge.
/// </summary>
public interface IMessageQueue
{
    Task<QueueInfo> ResolveAsync(string name, CancellationToken cancellationToken);

    Task SendAsync(QueueInfo queue, string body, CancellationToken cancellationToken);

    /// <summary>One long poll: waits up to the poll time for up to ten messages.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueInfo queue, CancellationToken cancellationToken);

    Task DeleteAsync(MessageHandle handle, CancellationToken cancellationToken);

    /// <summary>Makes a received message visible again at once, for whoever reads that queue next.</summary>
    Task ReleaseAsync(MessageHandle handle, CancellationToken cancellationToken);
}

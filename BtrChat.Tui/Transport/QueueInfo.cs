namespace BtrChat.Transport;

/// <summary>A queue resolved on the endpoint: its URL and the attributes that change how we send to it.</summary>
/// <param name="MaximumMessageSize">
/// The largest body in bytes the queue accepts (its <c>MaximumMessageSize</c> attribute: 1,024 to 1,048,576). A body
/// over it is refused before sending; a check of the user's text against the sealed size belongs to the session.
/// </param>
public sealed record QueueInfo(string Name, string Url, bool IsFifo, bool ContentBasedDeduplication, int MaximumMessageSize = QueueInfo.SqsMaximumMessageSize)
{
    /// <summary>SQS's largest message size, and its default for a new queue.</summary>
    public const int SqsMaximumMessageSize = 1024 * 1024;
}

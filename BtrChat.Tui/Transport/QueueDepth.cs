namespace BtrChat.Transport;

/// <summary>
/// A queue's approximate message counts: <paramref name="Waiting"/> can be received now
/// (ApproximateNumberOfMessages); <paramref name="InFlight"/> were received and not yet deleted
/// (ApproximateNumberOfMessagesNotVisible).
/// </summary>
public sealed record QueueDepth(string Queue, int Waiting, int InFlight);

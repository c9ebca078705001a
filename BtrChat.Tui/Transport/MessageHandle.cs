namespace BtrChat.Transport;

/// <summary>
/// Identifies one received queue message so it can be deleted after it was shown, or released.
/// It names its own queue: after a swap, messages from the old rx queue are still settled there.
/// </summary>
public sealed record MessageHandle(string QueueUrl, string ReceiptHandle, string MessageId);

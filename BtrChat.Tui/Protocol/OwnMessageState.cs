namespace BtrChat.Protocol;

/// <summary>Where one of our own messages stands, as the history shows it.</summary>
public enum OwnMessageState
{
    /// <summary>Typed, not yet accepted by SQS: waiting for the session, the queues, or a retry after an outage.</summary>
    Pending,

    /// <summary>Accepted by SQS. Final in legacy mode, which has no receipts.</summary>
    Sent,

    /// <summary>The peer's receipt covers it: the peer has shown it, and everything before it.</summary>
    Delivered,

    /// <summary>SQS refused it for good (the queue is gone, access denied, too large); the user may retry.</summary>
    Failed,
}

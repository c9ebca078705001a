namespace BtrChat.Protocol;

/// <summary>One of our messages in the <see cref="Outbox"/>, from typed until delivered (or, in legacy mode, sent).</summary>
public sealed class OutboxEntry(long localId, Guid messageId, string text)
{
    public long LocalId { get; } = localId;

    /// <summary>Set when typed and kept through every resend and reseal, so the peer can show it once across sessions.</summary>
    public Guid MessageId { get; } = messageId;

    public string Text { get; } = text;

    public OwnMessageState State { get; internal set; } = OwnMessageState.Pending;

    /// <summary>Sealed for the current session, or null until sealed (again, after the session was replaced).</summary>
    public string? Body { get; internal set; }

    /// <summary>Counts the times this message was handed out to send; a result for an older attempt is stale.</summary>
    public int Attempt { get; internal set; }

    /// <summary>An attempt is out and its result not yet back.</summary>
    public bool InFlight { get; internal set; }

    /// <summary>When SQS last accepted it (first send or resend), for the resend timer.</summary>
    public DateTimeOffset AcceptedAt { get; internal set; }

    public int Resends { get; internal set; }
}

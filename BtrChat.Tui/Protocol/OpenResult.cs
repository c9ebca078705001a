namespace BtrChat.Protocol;

/// <summary>What opening one received body produced: the peer's text, or why it was rejected.</summary>
public sealed record OpenResult
{
    private OpenResult(string? text, DateTimeOffset sentAt, RejectReason reason)
    {
        Text = text;
        SentAt = sentAt;
        Reason = reason;
    }

    public string? Text { get; }

    public DateTimeOffset SentAt { get; }

    public RejectReason Reason { get; }

    public bool IsMessage => Text is not null;

    public static OpenResult Message(string text, DateTimeOffset sentAt) => new(text, sentAt, RejectReason.None);

    public static OpenResult Rejected(RejectReason reason) => new(null, default, reason);
}

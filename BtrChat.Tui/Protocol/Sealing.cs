namespace BtrChat.Protocol;

/// <summary>
/// What sealing one outbox message came to: a body to send, a reason it can never be sent, or neither (not yet:
/// no session or no queues), which holds back every message typed after it.
/// </summary>
public readonly record struct Sealing(string? Body, string? Refusal)
{
    public static Sealing NotYet => default;

    public static Sealing Sealed(string body) => new(body, null);

    public static Sealing Refused(string reason) => new(null, reason);
}

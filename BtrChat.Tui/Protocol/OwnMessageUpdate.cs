namespace BtrChat.Protocol;

/// <summary>
/// One of our messages moved to <paramref name="State"/>; <paramref name="Reason"/> says why it failed, and
/// <paramref name="Final"/> that sending it again as things stand would fail the same way (it was refused before
/// sending, such as a body over the queue's size limit).
/// </summary>
public readonly record struct OwnMessageUpdate(long LocalId, OwnMessageState State, string? Reason = null, bool Final = false);

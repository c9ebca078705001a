namespace BtrChat.Protocol;

/// <summary>One of our messages moved to <paramref name="State"/>; <paramref name="Reason"/> says why it failed.</summary>
public readonly record struct OwnMessageUpdate(long LocalId, OwnMessageState State, string? Reason = null);

namespace BtrChat.Protocol;

/// <summary>Names one "missing" marker: the session it happened in (counted by the receiving channel) and its first sequence number.</summary>
public readonly record struct GapId(int Session, ulong First);

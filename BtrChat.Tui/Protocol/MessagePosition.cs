namespace BtrChat.Protocol;

/// <summary>Where a received data message stands: the receiving channel's session count and the message's sequence number.</summary>
public readonly record struct MessagePosition(int Session, ulong Sequence);

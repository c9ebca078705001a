namespace BtrChat.Protocol;

/// <summary>A message that arrived after its gap was shown as missing: which marker it fills, and its place there.</summary>
public readonly record struct LateArrival(GapId Gap, ulong Sequence);

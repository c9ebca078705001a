namespace BtrChat.Protocol;

/// <summary>
/// Which side of a pair sent an envelope, matching its SPAKE2 role. Each value is the role byte on the wire,
/// an ASCII letter so that a hex dump reads at a glance.
/// </summary>
/// <remarks>
/// Neither value is zero, so a <see langword="default"/> role is not a role: the factories refuse it rather
/// than sending a frame the peer would reject.
/// </remarks>
public enum PeerRole : byte
{
    A = (byte)'A',
    B = (byte)'B',
}

namespace BtrChat.Protocol;

/// <summary>The two queue names as the protocol sees them: they decide the roles and are bound into the handshake.</summary>
public sealed record QueuePair(string Tx, string Rx)
{
    /// <summary>Roles are fixed without negotiation: A is the side whose tx queue name sorts first (ordinal).</summary>
    public PeerRole MyRole => string.CompareOrdinal(Tx, Rx) < 0 ? PeerRole.A : PeerRole.B;

    /// <summary>A's tx name, then B's: the same on both sides.</summary>
    public (string ATx, string BTx) ByRole => MyRole == PeerRole.A ? (Tx, Rx) : (Rx, Tx);
}

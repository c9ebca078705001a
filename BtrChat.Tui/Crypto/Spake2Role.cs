namespace BtrChat.Crypto;

/// <summary>
/// Which side of a SPAKE2 handshake a party plays. The roles are not symmetric: A blinds with M and B with N,
/// so the two sides of one handshake must take different roles and agree on which is which.
/// </summary>
public enum Spake2Role
{
    A,
    B,
}

namespace BtrChat.Protocol;

/// <summary>Where the PIN handshake stands, as the status bar shows it.</summary>
public enum HandshakeState
{
    /// <summary>Our hello is out (or waiting in the peer's queue); no answer yet.</summary>
    WaitingForPeer,

    /// <summary>We answered a peer's hello and wait for its confirmation.</summary>
    Confirming,

    /// <summary>A confirmation verified: there are session keys, and data flows.</summary>
    Established,

    /// <summary>Too many failed attempts: no more answers until the user re-enters the PIN.</summary>
    Failed,
}

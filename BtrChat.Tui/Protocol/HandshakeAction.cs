namespace BtrChat.Protocol;

/// <summary>What the handshake asks its owner to do; it does no I/O itself.</summary>
public abstract record HandshakeAction
{
    /// <summary>Send this cleartext frame to the peer.</summary>
    public sealed record Send(Envelope Frame) : HandshakeAction;

    /// <summary>A confirmation verified: use these keys from now on.</summary>
    public sealed record Established(SessionKeys Keys, bool ReplacesSession) : HandshakeAction;

    /// <summary>Something the user should see (a failed attempt, a lockout).</summary>
    public sealed record Notice(string Text) : HandshakeAction;

    /// <summary>A frame that needs no answer, with why, for the log.</summary>
    public sealed record Ignored(string Reason) : HandshakeAction;
}

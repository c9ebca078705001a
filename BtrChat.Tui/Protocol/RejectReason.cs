namespace BtrChat.Protocol;

public enum RejectReason
{
    None,

    /// <summary>The body is not a token at all (empty, not base64url, truncated).</summary>
    NotAToken,

    /// <summary>A well-formed token whose signature does not verify: another PIN, tampering or forgery.</summary>
    WrongKey,

    /// <summary>The signature verified but the content is unusable (bad padding, not UTF-8).</summary>
    Unreadable,

    /// <summary>The body is larger than any message we accept.</summary>
    TooLarge,

    /// <summary>A token that is not sealed for the current session: an old session, a replay, a reflection of our own, or a forgery.</summary>
    NotThisSession,

    /// <summary>A token dated further in the future than clocks drift.</summary>
    FromTheFuture,

    /// <summary>A handshake frame that does not parse.</summary>
    BadHandshake,

    /// <summary>An authentic message numbered far beyond anything its sender could have reached.</summary>
    ImpossibleSequence,
}

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
}

namespace BtrChat.Crypto;

/// <summary>Why a token was refused; <see cref="None"/> for a token that opened.</summary>
public enum FernetFailure
{
    None,

    /// <summary>Not a token at all: empty, oversized, not padded base64url, truncated, ciphertext not whole AES blocks, or a timestamp outside <see cref="DateTimeOffset"/>.</summary>
    Malformed,

    /// <summary>The first byte is not 0x80, the only version the spec defines.</summary>
    UnknownVersion,

    /// <summary>The HMAC does not verify: another key, tampering or forgery.</summary>
    BadSignature,

    /// <summary>The HMAC verified but the decrypted plaintext does not end in valid PKCS #7 padding.</summary>
    BadPadding,

    /// <summary>The token is older than the time-to-live the caller allowed.</summary>
    Expired,

    /// <summary>The token claims to be from further in the future than the clock skew the caller allowed.</summary>
    FromTheFuture,
}

namespace BtrChat.Crypto;

/// <summary>What decrypting one token produced: the plaintext and creation time, or why it was refused.</summary>
/// <remarks>
/// A class rather than a struct so that no default instance can pose as a valid result.
/// </remarks>
public sealed class FernetResult
{
    private FernetResult(byte[] plaintext, DateTimeOffset timestamp, FernetFailure failure)
    {
        Plaintext = plaintext;
        Timestamp = timestamp;
        Failure = failure;
    }

    public bool IsValid => Failure == FernetFailure.None;

    /// <summary>The decrypted message; empty when the token was refused.</summary>
    public byte[] Plaintext { get; }

    /// <summary>
    /// When the token says it was made, to the second; <see langword="default"/> when it was refused,
    /// because an unauthenticated timestamp is not worth reporting.
    /// </summary>
    public DateTimeOffset Timestamp { get; }

    public FernetFailure Failure { get; }

    internal static FernetResult Success(byte[] plaintext, DateTimeOffset timestamp) =>
        new(plaintext, timestamp, FernetFailure.None);

    internal static FernetResult Refused(FernetFailure failure)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(failure, FernetFailure.None);
        return new([], default, failure);
    }
}

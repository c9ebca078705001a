namespace BtrChat.Protocol;

/// <summary>
/// The limits that turn "one guess per handshake" into "few guesses in total". Every answered hello hands its
/// sender one PIN guess (our confirmation lets it check one candidate), so an answer that is not followed by a
/// verified confirmation in time counts as a failed attempt; each failure doubles the wait before the next
/// answer, and <see cref="MaxFailures"/> of them stop answering until the user re-enters the PIN.
/// </summary>
public sealed record HandshakePolicy(TimeSpan ConfirmTimeout, TimeSpan FirstRetryDelay, int MaxFailures, TimeSpan MaxClockSkew)
{
    public static HandshakePolicy Default { get; } = new(
        ConfirmTimeout: TimeSpan.FromMinutes(2),
        FirstRetryDelay: TimeSpan.FromSeconds(5),
        MaxFailures: 5,
        MaxClockSkew: TimeSpan.FromMinutes(5));

    /// <summary>
    /// How long a later data message is held while an earlier one may still arrive, before the gap is shown as
    /// missing: longer than the sender's resend schedule (<see cref="OutboxPolicy.LastResendAfter"/>, 12 s), so a
    /// resent message normally fills its gap before anything is shown out of order.
    /// </summary>
    public TimeSpan GapTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>At most one receipt per this interval: cumulative, so a burst is acknowledged by one frame.</summary>
    public TimeSpan ReceiptInterval { get; init; } = TimeSpan.FromSeconds(1);
}

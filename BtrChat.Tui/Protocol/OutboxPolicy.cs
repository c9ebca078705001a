namespace BtrChat.Protocol;

/// <summary>
/// When an accepted but unacknowledged message is sent again. The first resend comes <see cref="ResendAfter"/>
/// after the last acceptance or the last receipt that acknowledged anything, whichever is later, so a peer that is
/// busy working through a burst (its receipts still advancing) is not sent copies; each later resend waits twice as
/// long, and after <see cref="MaxResends"/> the message waits for the next session, which reseals it.
/// </summary>
public sealed record OutboxPolicy(TimeSpan ResendAfter, int MaxResends)
{
    public static OutboxPolicy Default { get; } = new(TimeSpan.FromSeconds(4), MaxResends: 2);

    /// <summary>How long after its first acceptance the last resend of a message goes out, at the latest.</summary>
    public TimeSpan LastResendAfter => ResendAfter * ((1 << MaxResends) - 1);

    public TimeSpan DelayBeforeResend(int resendsSoFar) => ResendAfter * (1 << resendsSoFar);
}

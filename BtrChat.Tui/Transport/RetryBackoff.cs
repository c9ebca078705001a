namespace BtrChat.Transport;

/// <summary>Capped exponential backoff with full jitter, so two clients that lost the endpoint together do not retry in step.</summary>
public sealed class RetryBackoff(TimeSpan first, TimeSpan cap, Random random)
{
    private int _failures;

    public TimeSpan Next()
    {
        var ceiling = Math.Min(cap.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30)));
        _failures++;
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }

    public void Reset() => _failures = 0;
}

using Amazon;
using Amazon.SQS;

namespace BtrChat.Transport;

/// <summary>Where SQS is: a region (Amazon) and optionally an explicit endpoint (the local emulator).</summary>
public sealed record SqsEndpoint(string? Region, string? ServiceUrl)
{
    /// <summary>
    /// Builds a client on the standard AWS credential chain (environment, profiles, SSO, instance roles).
    /// Resolution happens on the first request, so this is cheap enough to call before the UI is up,
    /// but callers still create it off the UI thread.
    /// </summary>
    public IAmazonSQS CreateClient()
    {
        var config = new AmazonSQSConfig
        {
            // Longer than one long poll, so a parked receive is never cut short by the HTTP timeout.
            Timeout = TimeSpan.FromSeconds(SqsMessageQueue.LongPollSeconds + 10),
            MaxErrorRetry = 2,
        };
        if (!string.IsNullOrEmpty(ServiceUrl))
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region ?? "us-east-1";
        }
        else if (!string.IsNullOrEmpty(Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }

        return new AmazonSQSClient(config);
    }
}

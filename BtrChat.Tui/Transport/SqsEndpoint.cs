using Amazon;
using Amazon.Runtime;
using Amazon.SQS;

namespace BtrChat.Transport;

/// <summary>
/// Where SQS is and who calls it: a region (Amazon), optionally an explicit endpoint (the local emulator), and
/// optionally a named AWS profile instead of the standard credential chain.
/// </summary>
public sealed record SqsEndpoint(string? Region, string? ServiceUrl, string? Profile = null)
{
    /// <summary>
    /// Builds a client on the named profile, or else the standard AWS credential chain (environment, profiles, SSO,
    /// instance roles). Resolution happens on the first request, so this is cheap enough to call before the UI is
    /// up, but callers still create it off the UI thread.
    /// </summary>
    /// <exception cref="AmazonClientException">The profile is not in the AWS config or credentials files.</exception>
    public IAmazonSQS CreateClient()
    {
        AwsSdkDependencies.Register();
        var profile = FindProfile();
        var config = new AmazonSQSConfig
        {
            // Longer than one long poll, so a parked receive is never cut short by the HTTP timeout.
            Timeout = TimeSpan.FromSeconds(SqsMessageQueue.LongPollSeconds + 10),
            MaxErrorRetry = 2,
        };
        if (!string.IsNullOrEmpty(ServiceUrl))
        {
            config.ServiceURL = ServiceUrl;
            config.AuthenticationRegion = Region ?? profile?.Region?.SystemName ?? "us-east-1";
        }
        else if (!string.IsNullOrEmpty(Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
        else if (profile?.Region is { } profileRegion)
        {
            config.RegionEndpoint = profileRegion;
        }

        return profile is null ? new AmazonSQSClient(config) : new AmazonSQSClient(profile.Credentials, config);
    }

    /// <summary>The region requests go to: the setting, else the profile's, else the SDK's own fallbacks (AWS_REGION, the default profile).</summary>
    public string? EffectiveRegion() =>
        Region ?? FindProfile()?.Region?.SystemName ?? FallbackRegionFactory.GetRegionEndpoint()?.SystemName;

    /// <summary>The named profile, or null when none is named.</summary>
    /// <exception cref="AmazonClientException">A profile is named but the AWS files do not hold it.</exception>
    public AwsProfile? FindProfile() =>
        Profile is null ? null : AwsProfile.Find(Profile) ?? throw new AmazonClientException("AWS " + AwsProfile.NotFound(Profile));
}

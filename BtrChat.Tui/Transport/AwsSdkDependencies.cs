using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace BtrChat.Transport;

/// <summary>
/// The AWS SDK finds its SSO clients by reflection, which Native AOT trims away; registering them here keeps SSO
/// profiles working in the shipped binary. Both clients call with a bearer token, so they carry no AWS credentials,
/// as the SDK's own reflection path creates them.
/// </summary>
/// <remarks>
/// The STS client (for profiles that assume a role) cannot be registered up front: the registry's factory is not told
/// which credentials a role is assumed with. <see cref="AssumeRolesWith"/> registers it once the profile named with
/// --profile is known, with its source profile's credentials. A role profile reached some other way (AWS_PROFILE)
/// works only in the .NET tool build, where the SDK finds STS by reflection; docs/user-guide.md says so.
/// </remarks>
public static class AwsSdkDependencies
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSSOClient(context => new AmazonSSOClient(new AnonymousAWSCredentials(), context.SSOClientContextData.Region));
        registry.RegisterSSOOIDCClient(context => new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), context.SSOOIDCClientContextData.Region));
    }

    /// <summary>Roles are assumed by calling STS as <paramref name="source"/>; btrchat uses one named profile per process.</summary>
    public static void AssumeRolesWith(AWSCredentials source) =>
        GlobalRuntimeDependencyRegistry.Instance.RegisterSecurityTokenServiceClient(context =>
            new AmazonSecurityTokenServiceClient(source, new AmazonSecurityTokenServiceConfig
            {
                RegionEndpoint = context.SecurityTokenServiceClientContextData.Region ?? Amazon.RegionEndpoint.USEast1,
            }));
}

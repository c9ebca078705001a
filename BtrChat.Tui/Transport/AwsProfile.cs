using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace BtrChat.Transport;

/// <summary>
/// A named profile of the shared AWS config and credentials files (their usual places, or AWS_CONFIG_FILE and
/// AWS_SHARED_CREDENTIALS_FILE): static keys, SSO, a credential process, or a role to assume.
/// </summary>
public sealed record AwsProfile(string Name, AWSCredentials Credentials, RegionEndpoint? Region, string Kind)
{
    /// <summary>Why a named profile could not be used, for a line that starts with where the name came from.</summary>
    public static string NotFound(string name) =>
        $"profile '{name}' is not in the AWS config or credentials files, or holds no credentials (see: aws configure list-profiles)";

    /// <summary>
    /// One credentials object per profile for the whole process: temporary credentials (SSO, an assumed role) are
    /// fetched once and refreshed in one place, however many clients and checks use the profile.
    /// </summary>
    private static readonly ConcurrentDictionary<string, AwsProfile> Found = new(StringComparer.Ordinal);

    /// <summary>The profile, or null when neither file names it or it holds no way to get credentials.</summary>
    public static AwsProfile? Find(string name) =>
        Found.TryGetValue(name, out var known) ? known
        : Load(name) is { } loaded ? Found.GetOrAdd(name, loaded)
        : null;

    private static AwsProfile? Load(string name)
    {
        AwsSdkDependencies.Register();
        var files = new CredentialProfileStoreChain();
        if (!files.TryGetProfile(name, out var profile) || !profile.CanCreateAWSCredentials)
        {
            return null;
        }

        try
        {
            if (profile.Options.RoleArn is { Length: > 0 } && profile.Options.SourceProfile is { Length: > 0 } sourceName)
            {
                if (Find(sourceName) is not { } source)
                {
                    return null;
                }

                AwsSdkDependencies.AssumeRolesWith(source.Credentials);
            }

            var credentials = AWSCredentialsFactory.GetAWSCredentials(profile, files);
            return new AwsProfile(name, credentials, profile.Region, KindOf(profile.Options));
        }
        catch (Exception e) when (e is AmazonClientException or InvalidDataException or ArgumentException)
        {
            return null;
        }
    }

    private static string KindOf(CredentialProfileOptions options) => options switch
    {
        { SsoSession: { Length: > 0 } } or { SsoStartUrl: { Length: > 0 } } => "SSO",
        { RoleArn: { Length: > 0 } } => "assumed role",
        { CredentialProcess: { Length: > 0 } } => "credential process",
        { Token: { Length: > 0 } } => "session keys",
        _ => "access keys",
    };
}

using System.Security.Cryptography;
using System.Text;
using BtrChat.Cli;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Cli;

/// <summary>
/// <c>--profile</c> in the shipped Native AOT binary, from temporary AWS config and credentials files: trimming
/// must keep the SDK's profile parsing and its SSO and STS clients. The SSO portal and STS are local listeners
/// reached through the SDK's own per-service endpoint settings; SQS is the emulator.
/// </summary>
public sealed class AwsProfileNativeAotTests(SqsEmulator emulator) : IDisposable
{
    private const string KeysProfile = "chat-keys";
    private const string SsoProfile = "chat-sso";
    private const string RoleProfile = "chat-role";
    private const string ProfileRegion = "eu-west-3";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Doctor_WithAccessKeyProfile_UsesThatProfilesKeyAndPasses()
    {
        var (tx, rx) = await QueuesAsync();

        var (code, output, error) = await NativeAotBinary.RunAsync(Environment(), Doctor(tx, rx, "--profile", KeysProfile, "--region", "us-east-1", "--endpoint", emulator.Endpoint));

        Assert.True(code == ExitCodes.Ok, output + error);
        Assert.Contains($"ok   AWS credentials (from profile {KeysProfile}, access keys, key id ending KEY7", output, StringComparison.Ordinal);
        Assert.Contains($"ok   queue {rx} (rx) exists", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WithProfileAndNoRegion_GoesToTheProfilesRegion()
    {
        var (code, output, _) = await NativeAotBinary.RunAsync(Environment(), Doctor("a-to-b.fifo", "b-to-a.fifo", "--profile", KeysProfile));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($" SQS endpoint https://sqs.{ProfileRegion}.amazonaws.com/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WithSsoProfileAndCachedToken_GetsRoleCredentialsFromThePortal()
    {
        var (tx, rx) = await QueuesAsync();
        var expiration = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        using var portal = new LocalAwsService("application/json", $$$"""
            {"roleCredentials":{"accessKeyId":"ASIAEXAMPLEROLESSO1","secretAccessKey":"{{{new string('r', 40)}}}","sessionToken":"session","expiration":{{{expiration}}}}}
            """);
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_SSO"] = portal.Url;
        WriteSsoToken(DateTimeOffset.UtcNow.AddHours(1));

        var (code, output, error) = await NativeAotBinary.RunAsync(environment, Doctor(tx, rx, "--profile", SsoProfile, "--region", "us-east-1", "--endpoint", emulator.Endpoint));

        Assert.True(code == ExitCodes.Ok, output + error);
        Assert.Contains($"ok   AWS credentials (from profile {SsoProfile}, SSO, key id ending SSO1", output, StringComparison.Ordinal);
        Assert.Contains(portal.Requests, request => request.StartsWith("GET /federation/credentials?account_id=123456789012&role_name=Chatter | cached-sso-token |", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_WithRoleProfile_AssumesTheRoleSignedAsTheSourceProfile()
    {
        var (tx, rx) = await QueuesAsync();
        using var sts = new LocalAwsService("text/xml", """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
            <Credentials><AccessKeyId>ASIAEXAMPLEASSUMED8</AccessKeyId><SecretAccessKey>ssssssssssssssssssssssssssssssssssssssss</SecretAccessKey>
            <SessionToken>session</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
            <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Chatter/btrchat</Arn><AssumedRoleId>AROAEXAMPLE:btrchat</AssumedRoleId></AssumedRoleUser>
            </AssumeRoleResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></AssumeRoleResponse>
            """);
        var environment = Environment();
        environment["AWS_ENDPOINT_URL_STS"] = sts.Url;

        var (code, output, error) = await NativeAotBinary.RunAsync(environment, Doctor(tx, rx, "--profile", RoleProfile, "--region", "us-east-1", "--endpoint", emulator.Endpoint));

        Assert.True(code == ExitCodes.Ok, output + error);
        Assert.Contains($"ok   AWS credentials (from profile {RoleProfile}, assumed role, key id ending MED8", output, StringComparison.Ordinal);
        Assert.Contains(sts.Requests, request =>
            request.Contains("Credential=AKIAEXAMPLEPROFKEY7/", StringComparison.Ordinal)
            && request.Contains("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FChatter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_WithSsoProfileAndNoToken_SaysToSignIn()
    {
        var (code, output, _) = await NativeAotBinary.RunAsync(Environment(), Doctor("a-to-b.fifo", "b-to-a.fifo", "--profile", SsoProfile, "--endpoint", emulator.Endpoint));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"FAIL AWS credentials: profile {SsoProfile} gives none (", output, StringComparison.Ordinal);
        Assert.Contains($"Fix: for an SSO profile run: aws sso login --profile {SsoProfile}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_WithUnknownProfile_OneLineNamingItAndExitsTwo()
    {
        var (code, output, error) = await NativeAotBinary.RunAsync(Environment(), "setup", "--me", "ann", "--peer", "bo", "--profile", "nosuch", "--endpoint", emulator.Endpoint, "--out", _dir.Path);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("btrchat: --profile 'nosuch' is not in the AWS config or credentials files, or holds no credentials (see: aws configure list-profiles)", error.Trim());
    }

    private static string[] Doctor(string tx, string rx, params string[] more) =>
        ["doctor", "--tx-queue", tx, "--rx-queue", rx, .. more];

    private async Task<(string Tx, string Rx)> QueuesAsync() =>
        (await emulator.CreateQueueAsync("profile-tx", fifo: true), await emulator.CreateQueueAsync("profile-rx", fifo: true));

    /// <summary>Only the temporary files: HOME too, since the SDK keeps its SSO token cache under ~/.aws/sso/cache.</summary>
    private Dictionary<string, string> Environment()
    {
        var config = _dir.Write("aws-config", $"""
            [profile {KeysProfile}]
            region = {ProfileRegion}

            [profile {SsoProfile}]
            sso_session = corp
            sso_account_id = 123456789012
            sso_role_name = Chatter
            region = {ProfileRegion}

            [profile {RoleProfile}]
            role_arn = arn:aws:iam::123456789012:role/Chatter
            source_profile = {KeysProfile}

            [sso-session corp]
            sso_start_url = https://example.awsapps.com/start
            sso_region = {ProfileRegion}
            """);
        var credentials = _dir.Write("aws-credentials", $"""
            [{KeysProfile}]
            aws_access_key_id = AKIAEXAMPLEPROFKEY7
            aws_secret_access_key = {new string('s', 40)}
            """);
        return new Dictionary<string, string>
        {
            ["HOME"] = _dir.Path,
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
            ["XDG_STATE_HOME"] = _dir.Combine("state"),
            ["XDG_CONFIG_HOME"] = _dir.Combine("config"),
        };
    }

    /// <summary>The cache file the AWS CLI's <c>aws sso login</c> writes for an sso-session: named by the SHA-1 of the session's name.</summary>
    private void WriteSsoToken(DateTimeOffset expiresAt)
    {
        var cache = _dir.Combine(".aws", "sso", "cache");
        Directory.CreateDirectory(cache);
        var name = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("corp")));
        File.WriteAllText(Path.Combine(cache, name + ".json"), $$"""
            {"accessToken":"cached-sso-token","expiresAt":"{{expiresAt:yyyy-MM-ddTHH:mm:ssZ}}","region":"{{ProfileRegion}}","startUrl":"https://example.awsapps.com/start"}
            """);
    }
}

using System.Globalization;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Cli;

/// <summary>
/// <c>btrchat doctor</c>: checks everything a chat needs before one starts, one line per check, read-only
/// (it creates no queue, directory or file). Exit 0 when nothing failed; unknowns do not count as failures.
/// </summary>
public static class DoctorCommand
{
    private const UnixFileMode OthersMayAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string? configPath, IReadOnlyDictionary<string, string?> flagOverrides, TextWriter output, CancellationToken cancellationToken)
    {
        ChatSettings settings;
        try
        {
            settings = ConfigLoader.Load(configPath, flagOverrides);
        }
        catch (ConfigException e)
        {
            output.WriteLine(DoctorCheck.Fail("configuration", e.Message, "correct the setting it names (see README, Settings)"));
            return ExitCodes.BadConfiguration;
        }

        var failed = false;
        void Report(DoctorCheck check)
        {
            failed |= check.Outcome == DoctorOutcome.Fail;
            output.WriteLine(check);
        }

        Report(DoctorCheck.Ok($"configuration (tx {settings.Queues.Tx}, rx {settings.Queues.Rx}, mode {settings.Mode})"));
        Report(LogDirectory(settings.LogFile));
        if (settings.Mode == SecurityMode.KeyFile)
        {
            Report(KeyFileCheck(settings.KeyFile!));
        }

        var credentials = await CredentialsAsync(settings.Endpoint);
        Report(credentials);
        var endpointUrl = EndpointUrl(settings.Endpoint);
        var reached = false;
        if (endpointUrl is null)
        {
            Report(DoctorCheck.Fail("AWS region", "none set", "set region in the config file, AWS_REGION, or --region"));
        }
        else
        {
            foreach (var check in await EndpointAndClockAsync(endpointUrl, cancellationToken))
            {
                reached |= check.Outcome == DoctorOutcome.Ok;
                Report(check);
            }
        }

        if (!reached || credentials.Outcome == DoctorOutcome.Fail)
        {
            Report(DoctorCheck.Unknown("queues", "not checked without a reachable endpoint and credentials"));
            return failed ? ExitCodes.Failure : ExitCodes.Ok;
        }

        using var sqs = settings.Endpoint.CreateClient();
        foreach (var (role, name) in new[] { ("tx", settings.Queues.Tx), ("rx", settings.Queues.Rx) })
        {
            foreach (var check in await QueueAsync(sqs, role, name, cancellationToken))
            {
                Report(check);
            }
        }

        return failed ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>The directory must take new files and keep them from other users, since logs name queues and peers.</summary>
    private static DoctorCheck LogDirectory(string logFile)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(logFile))!;
        var what = $"log directory {directory}";
        if (!Directory.Exists(directory))
        {
            // It will be made on first run, under the nearest directory that exists: that one must take it.
            var parent = Path.GetDirectoryName(directory);
            while (parent is not null && !Directory.Exists(parent) && !File.Exists(parent))
            {
                parent = Path.GetDirectoryName(parent);
            }

            var blocked = parent is null ? "nothing above it exists"
                : File.Exists(parent) ? $"{parent} is a file"
                : CanWriteIn(parent) is { } failure ? $"{parent} takes no new entries ({failure})"
                : null;
            return blocked is null
                ? DoctorCheck.Ok($"{what} (created 0700 on first run)")
                : DoctorCheck.Fail(what, $"missing and cannot be created: {blocked}", "create it (mkdir -m 700 DIR), or choose another --log-file");
        }

        try
        {
            var mode = File.GetUnixFileMode(directory);
            if ((mode & OthersMayAccess) != 0)
            {
                return DoctorCheck.Fail(what, $"mode {Convert.ToString((int)mode, 8)} lets other users in", $"chmod 700 {directory}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Fail(what, $"not readable ({e.GetType().Name})", "fix its owner and permissions, or choose another --log-file");
        }

        return CanWriteIn(directory) is { } refused
            ? DoctorCheck.Fail(what, $"not writable ({refused})", "fix its owner and permissions, or choose another --log-file")
            : DoctorCheck.Ok($"{what} (writable, private)");
    }

    /// <summary>Null when a file can be made in <paramref name="directory"/> (tried, and gone at once), else why not.</summary>
    private static string? CanWriteIn(string directory)
    {
        try
        {
            using (new FileStream(Path.Combine(directory, $".btrchat-doctor-{Environment.ProcessId}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.GetType().Name;
        }
    }

    private static DoctorCheck KeyFileCheck(string path)
    {
        var what = $"key file {path}";
        try
        {
            KeyFileStore.Read(path);
            return DoctorCheck.Ok($"{what} (private, holds a key)");
        }
        catch (ConfigException e)
        {
            var reason = (e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message).TrimEnd('.');
            var run = reason.IndexOf("; run: ", StringComparison.Ordinal);
            return run < 0
                ? DoctorCheck.Fail(what, reason, "create one with: btrchat keygen FILE, and give your peer a copy over a safe channel")
                : DoctorCheck.Fail(what, reason[..run], reason[(run + "; run: ".Length)..]);
        }
    }

    /// <summary>Which profile or source of the SDK's chain supplies credentials; only the key id's last four characters are shown.</summary>
    private static async Task<DoctorCheck> CredentialsAsync(SqsEndpoint endpoint)
    {
        var note = endpoint.ServiceUrl is null ? string.Empty : "; a custom endpoint such as the emulator accepts any";
        string source;
        try
        {
            AWSCredentials credentials;
            if (endpoint.FindProfile() is { } profile)
            {
                credentials = profile.Credentials;
                source = $"profile {profile.Name}, {profile.Kind}";
            }
            else
            {
                credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
                source = credentials.GetType().Name;
            }

            var resolved = await credentials.GetCredentialsAsync();
            return DoctorCheck.Ok($"AWS credentials (from {source}, key id ending {KeyIdEnding(resolved.AccessKey)}{note})");
        }
        catch (AmazonClientException e) when (endpoint.Profile is not null)
        {
            return DoctorCheck.Fail(
                "AWS credentials",
                $"profile {endpoint.Profile} gives none ({e.Message.Split('\n', 2)[0].Trim().TrimEnd('.')})",
                "for an SSO profile run: aws sso login --profile " + endpoint.Profile);
        }
        catch (AmazonClientException)
        {
            return DoctorCheck.Fail(
                "AWS credentials",
                "none found in the environment, profiles, SSO or instance role",
                "set AWS_PROFILE or --profile (and run aws sso login), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
    }

    private static string KeyIdEnding(string? accessKey) =>
        accessKey is { Length: >= 8 } ? accessKey[^4..] : "?";

    private static Uri? EndpointUrl(SqsEndpoint endpoint)
    {
        if (endpoint.ServiceUrl is { } serviceUrl)
        {
            return new Uri(serviceUrl);
        }

        var region = endpoint.EffectiveRegion();
        return region is null ? null : new Uri($"https://sqs.{region}.amazonaws.com/");
    }

    /// <summary>Any HTTP answer proves the endpoint is there; its Date header is the clock the peer's messages are judged by.</summary>
    private static async Task<DoctorCheck[]> EndpointAndClockAsync(Uri url, CancellationToken cancellationToken)
    {
        var what = $"SQS endpoint {url}";
        HttpResponseMessage response;
        using var http = new HttpClient { Timeout = HttpTimeout };
        try
        {
            response = await http.GetAsync(url, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is TaskCanceledException ? $"no answer within {HttpTimeout.TotalSeconds:0} s" : e.Message.Split('\n', 2)[0].Trim().TrimEnd('.');
            return
            [
                DoctorCheck.Fail(what, $"cannot reach it ({reason})", "check the endpoint URL or region, and the network"),
                DoctorCheck.Unknown("clock", "the endpoint did not answer"),
            ];
        }

        using (response)
        {
            var reached = DoctorCheck.Ok($"{what} answers");
            if (response.Headers.Date is not { } endpointTime)
            {
                return [reached, DoctorCheck.Unknown("clock", "the endpoint sent no Date header")];
            }

            var skew = DateTimeOffset.UtcNow - endpointTime;
            var seconds = Math.Abs(skew.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
            var limit = HandshakePolicy.Default.MaxClockSkew;
            return Math.Abs(skew.Ticks) <= limit.Ticks
                ? [reached, DoctorCheck.Ok($"clock (within {seconds} s of the endpoint)")]
                : [reached, DoctorCheck.Fail("clock", $"{seconds} s {(skew > TimeSpan.Zero ? "ahead of" : "behind")} the endpoint, over the {limit.TotalMinutes:0} min the peer accepts", "synchronise the system clock (e.g. timedatectl set-ntp true)")];
        }
    }

    private static async Task<DoctorCheck[]> QueueAsync(IAmazonSQS sqs, string role, string name, CancellationToken cancellationToken)
    {
        var what = $"queue {name} ({role})";
        string url;
        Dictionary<string, string> attributes;
        try
        {
            url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken)).QueueUrl;
            attributes = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] }, cancellationToken)).Attributes ?? [];
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return [DoctorCheck.FromSqsFailure(what, SqsFailure.From(e, name).Message, "check the queue name, region and endpoint")];
        }

        List<DoctorCheck> checks = [DoctorCheck.Ok($"{what} exists"), QueueTypeCheck.Check(name, attributes), Delay(name, attributes), Visibility(name, attributes), Encryption(name, attributes)];
        foreach (var probe in role == "tx" ? PermissionProbe.ForTx : PermissionProbe.ForRx)
        {
            checks.Add(await probe.CheckAsync(sqs, name, url, cancellationToken));
        }

        return [.. checks];
    }

    private static DoctorCheck Delay(string name, Dictionary<string, string> attributes)
    {
        var what = $"queue {name} delivery delay";
        if (!attributes.TryGetValue("DelaySeconds", out var text) || !int.TryParse(text, CultureInfo.InvariantCulture, out var seconds))
        {
            return DoctorCheck.Unknown(what, "the endpoint does not report DelaySeconds");
        }

        return seconds == 0
            ? DoctorCheck.Ok($"{what} (none)")
            : DoctorCheck.Fail(what, $"every message waits {seconds} s before it can be read", "aws sqs set-queue-attributes --queue-url URL --attributes DelaySeconds=0");
    }

    /// <summary>btrchat sets its own visibility timeout on every receive, so any queue default works; shown for the record.</summary>
    private static DoctorCheck Visibility(string name, Dictionary<string, string> attributes) =>
        attributes.TryGetValue("VisibilityTimeout", out var seconds)
            ? DoctorCheck.Ok($"queue {name} visibility timeout {seconds} s (btrchat sets {SqsMessageQueue.VisibilityTimeoutSeconds} s per receive)")
            : DoctorCheck.Unknown($"queue {name} visibility timeout", "the endpoint does not report VisibilityTimeout");

    /// <summary>Messages are end-to-end encrypted anyway, so encryption at rest is reported, never failed.</summary>
    private static DoctorCheck Encryption(string name, Dictionary<string, string> attributes)
    {
        var what = $"queue {name} encryption at rest";
        if (attributes.TryGetValue("KmsMasterKeyId", out var key) && key.Length > 0)
        {
            return DoctorCheck.Ok($"{what} (KMS)");
        }

        if (!attributes.TryGetValue("SqsManagedSseEnabled", out var sse))
        {
            return DoctorCheck.Unknown(what, "the endpoint does not report SqsManagedSseEnabled");
        }

        return DoctorCheck.Ok(string.Equals(sse, "true", StringComparison.OrdinalIgnoreCase)
            ? $"{what} (SQS-managed)"
            : $"{what} (off; messages are end-to-end encrypted regardless)");
    }
}

using System.CommandLine;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using BtrChat.Transport;

namespace BtrChat.Cli;

/// <summary>
/// <c>btrchat setup</c>: creates the two queues of a chat, writes each side's config file and prints each side's
/// least-privilege IAM policy. Safe to run again: it changes only what differs and says when nothing did.
/// </summary>
public static partial class SetupCommand
{
    /// <summary>SQS allows 80 characters; "btrchat-" + "-to-" + ".fifo" leave 63 for the two names.</summary>
    private const int MaxNamesLength = 63;

    private static readonly Option<string> MeOption = new("--me") { Description = "Your name (letters, digits, - or _)", Required = true };
    private static readonly Option<string> PeerOption = new("--peer") { Description = "Your peer's name", Required = true };
    private static readonly Option<bool> StandardOption = new("--standard") { Description = "Standard queues instead of FIFO (btrchat puts messages in order itself)" };
    private static readonly Option<string?> OutOption = new("--out") { Description = "Directory for the two config files (default: current directory)" };

    public sealed record Request(string Me, string Peer, bool Standard, string? Region, string? Endpoint, string OutDirectory, string? Profile = null);

    /// <param name="region">The chat's --region, shared so the flag means the same everywhere.</param>
    /// <param name="profile">The chat's --profile.</param>
    /// <param name="endpoint">The chat's --endpoint.</param>
    public static Command Create(Option<string?> region, Option<string?> profile, Option<string?> endpoint)
    {
        var command = new Command("setup", "Create the two SQS queues for a chat, write both config files and print each side's IAM policy")
        {
            MeOption, PeerOption, StandardOption, OutOption, region, profile, endpoint,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Request(
                parse.GetValue(MeOption)!,
                parse.GetValue(PeerOption)!,
                parse.GetValue(StandardOption),
                parse.GetValue(region),
                parse.GetValue(endpoint),
                parse.GetValue(OutOption) ?? ".",
                parse.GetValue(profile)),
            Console.Out,
            Console.Error,
            cancellationToken));
        return command;
    }

    public static string QueueName(string from, string to, bool fifo) => $"btrchat-{from}-to-{to}" + (fifo ? ".fifo" : string.Empty);

    public static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Problem(request) is { } problem)
        {
            await error.WriteLineAsync($"btrchat: {problem}");
            return ExitCodes.BadConfiguration;
        }

        var fifo = !request.Standard;
        var mine = new QueueNames(QueueName(request.Me, request.Peer, fifo), QueueName(request.Peer, request.Me, fifo));
        QueueSetup.Outcome tx, rx;
        var current = mine.Tx;
        try
        {
            using var sqs = new SqsEndpoint(request.Region, request.Endpoint, request.Profile).CreateClient();
            tx = await QueueSetup.EnsureAsync(sqs, mine.Tx, fifo, cancellationToken);
            current = mine.Rx;
            rx = await QueueSetup.EnsureAsync(sqs, mine.Rx, fifo, cancellationToken);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or InvalidOperationException)
        {
            await error.WriteLineAsync($"btrchat: {SqsFailure.From(e, current).Message}");
            return ExitCodes.Failure;
        }

        foreach (var queue in new[] { tx, rx })
        {
            await output.WriteLineAsync($"queue {queue.Name}: {(queue.Changes.Count == 0 ? "unchanged" : string.Join(", ", queue.Changes))}");
        }

        // Queues first, since the region for the files comes from the ARN when --region is not given; both files are
        // checked before either is written, so a refusal never leaves one side configured and the other not.
        var region = request.Region ?? RegionOf(tx.Arn);
        var files = new[]
        {
            (Path: Path.Combine(request.OutDirectory, SetupConfigFile.FileName(request.Me)), Content: SetupConfigFile.Render(mine, region, request.Endpoint)),
            (Path: Path.Combine(request.OutDirectory, SetupConfigFile.FileName(request.Peer)), Content: SetupConfigFile.Render(mine.Swapped(), region, request.Endpoint)),
        };
        var written = new List<bool>();
        try
        {
            foreach (var file in files.Where(f => File.Exists(f.Path)))
            {
                SetupConfigFile.Write(file.Path, file.Content);
            }

            written.AddRange(files.Select(f => SetupConfigFile.Write(f.Path, f.Content)));
        }
        catch (ConfigException e)
        {
            await error.WriteLineAsync($"btrchat: {e.Message}");
            return ExitCodes.BadConfiguration;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"btrchat: cannot write the config files in {request.OutDirectory} ({e.Message})");
            return ExitCodes.Failure;
        }

        for (var i = 0; i < files.Length; i++)
        {
            await output.WriteLineAsync($"config {files[i].Path}: {(written[i] ? "written" : "unchanged")}");
        }

        if (tx.Changes.Count == 0 && rx.Changes.Count == 0 && !written.Contains(true))
        {
            await output.WriteLineAsync("Already set up: nothing changed.");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"IAM policy for {request.Me}:");
        await output.WriteLineAsync(IamPolicy.Build(tx.Arn, rx.Arn));
        await output.WriteLineAsync();
        await output.WriteLineAsync($"IAM policy for {request.Peer}:");
        await output.WriteLineAsync(IamPolicy.Build(rx.Arn, tx.Arn));
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Start with: btrchat --config {files[0].Path}; give {request.Peer} {files[1].Path} and agree a PIN in person.");
        return ExitCodes.Ok;
    }

    private static string? Problem(Request request)
    {
        foreach (var (flag, name) in new[] { ("--me", request.Me), ("--peer", request.Peer) })
        {
            if (!NamePattern().IsMatch(name))
            {
                return $"{flag} '{name}' may contain only letters, digits, - and _";
            }
        }

        if (string.Equals(request.Me, request.Peer, StringComparison.OrdinalIgnoreCase))
        {
            return $"--me and --peer are both '{request.Me}'; a chat needs two people";
        }

        if (request.Me.Length + request.Peer.Length > MaxNamesLength)
        {
            return $"--me and --peer together are longer than {MaxNamesLength} characters (SQS queue names are limited to 80)";
        }

        if (request.Endpoint is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            return $"--endpoint '{endpoint}' is not an http(s) URL";
        }

        if (request.Profile is { } profile && AwsProfile.Find(profile) is null)
        {
            return "--" + AwsProfile.NotFound(profile);
        }

        return Directory.Exists(request.OutDirectory) ? null : $"--out '{request.OutDirectory}' is not a directory";
    }

    /// <summary>arn:partition:sqs:REGION:account:name.</summary>
    private static string? RegionOf(string arn) => arn.Split(':') is { Length: 6 } parts && parts[3].Length > 0 ? parts[3] : null;

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}

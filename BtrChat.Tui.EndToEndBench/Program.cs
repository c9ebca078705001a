using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using BtrChat.Cli;
using BtrChat.EndToEndBench;
using BtrChat.Transport;
using Serilog.Events;

// End-to-end benchmark: two btrchat sessions (pin mode) in this process, headless, through the SQS emulator.
// scripts/bench-e2e starts the emulator with its request log, runs this and the original-like Python client,
// and prints the comparison; docs/benchmarks.md ("End-to-end") explains the figures.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var (options, error) = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

if (!File.Exists(options.RequestLog))
{
    Console.Error.WriteLine($"e2e-bench: {options.RequestLog} does not exist; start the emulator with FAUXQS_LOGGER=true and its stdout there");
    return 2;
}

// The SDK's credential chain needs something to sign with; the emulator accepts any key.
foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "btrchat-bench"), ("AWS_SECRET_ACCESS_KEY", "btrchat-bench"), ("AWS_REGION", "us-east-1") })
{
    if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
    {
        Environment.SetEnvironmentVariable(name, value);
    }
}

// The sessions log as the app does by default: Information, to a file ("--app-log off": not at all, to see what logging costs).
var appLogPath = options.AppLog ?? Path.Combine(Path.GetTempPath(), $"btrchat-e2e-bench-{Environment.ProcessId}.log");
using var fileLog = appLogPath == "off" ? null : LogSetup.Create(appLogPath, LogEventLevel.Information);
var appLog = (Serilog.ILogger?)fileLog ?? Serilog.Core.Logger.None;
var endpoint = new SqsEndpoint("us-east-1", options.Endpoint);
using var admin = endpoint.CreateClient();
using var requests = new RequestLog(options.RequestLog);

Console.Error.WriteLine($"e2e-bench: {RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} CPUs, emulator {options.Endpoint}, app log {appLogPath}");
var pairs = new List<PairResult>();
foreach (var kind in options.Kinds)
{
    pairs.Add(await new PairBench(options, endpoint, admin, requests, appLog).RunAsync(kind));
}

var result = new BenchResult(
    "btrchat",
    RuntimeInformation.FrameworkDescription,
    DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
    Environment.ProcessorCount,
    pairs);
if (options.JsonPath is { } jsonPath)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(result, ResultJson.Default.BenchResult));
}

Console.Out.Write(Markdown(result));
var problems = pairs.SelectMany(p => p.Problems.Select(x => $"{p.Kind}: {x}")).ToArray();
foreach (var problem in problems)
{
    Console.Error.WriteLine($"e2e-bench: problem: {problem}");
}

return 0;

static string Markdown(BenchResult result)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"btrchat end to end ({result.Runtime}, {result.Date}): two pin-mode sessions in one process, headless");
    text.AppendLine();
    text.AppendLine("| queue | one-way p50 / p95 / max | raw floor p50 / p95 | p50 / raw | burst | requests/msg (burst) | requests/msg (paced) | lost / dup / out of order / left | idle requests/h per client | idle CPU (process, 2 clients) | handshake |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var p in result.Pairs)
    {
        var idle = p.Idle is { } i
            ? ($"{i.RequestsPerHourPerClient:0} ({i.Requests} in {i.Seconds:0} s, 2 clients)", $"{i.CpuSeconds:0.000} s / {i.Seconds:0} s = {i.CpuPercentOfOneCorePerProcess:0.000}% of a core")
            : ("not measured", "not measured");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Kind} | {p.Latency.P50Ms:0.00} / {p.Latency.P95Ms:0.00} / {p.Latency.MaxMs:0.00} ms | {p.RawFloor.P50Ms:0.00} / {p.RawFloor.P95Ms:0.00} ms | {p.Latency.P50Ms / p.RawFloor.P50Ms:0.00}x | {p.Burst.Messages} in {p.Burst.Seconds:0.000} s = {p.Burst.MessagesPerSecond:0} msg/s | {p.Burst.RequestsPerMessage:0.000} | {p.Paced.RequestsPerMessage:0.00} | {p.Burst.Lost} / {p.Burst.Duplicated} / {p.Burst.OutOfOrder} / {p.Burst.LeftInQueue} | {idle.Item1} | {idle.Item2} | {p.HandshakeMs:0} ms |");
    }

    return text.ToString();
}

using System.Globalization;

namespace BtrChat.EndToEndBench;

/// <summary>What to measure and where: the emulator's endpoint and its request log are required, the rest has defaults.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        usage: BtrChat.Tui.EndToEndBench --endpoint URL --request-log PATH [options]

          --endpoint URL         the SQS emulator, e.g. http://localhost:4566
          --request-log PATH     the emulator's stdout with FAUXQS_LOGGER=true (one "incoming request" line per request)
          --kinds LIST           queue kinds to measure, comma-separated: standard,fifo (default both)
          --messages N           timed one-way messages after the warm-up, each followed by one raw-floor sample (default 100)
          --warmup N             untimed messages (and raw-floor samples) first (default 10)
          --gap-ms N             pause after each message and after each raw-floor sample (default 50)
          --burst N              messages sent at once (default 1000)
          --idle-seconds N       idle window per queue kind (default 60; a multiple of 20 s, the long poll, counts best)
          --app-log PATH         the sessions' Serilog file, at the app's default level (default: a temp file; off: no log)
          --json PATH            also write the results as JSON (scripts/bench-e2e reads it)
        """;

    public required string Endpoint { get; init; }

    public required string RequestLog { get; init; }

    public IReadOnlyList<QueueKind> Kinds { get; init; } = [QueueKind.Standard, QueueKind.Fifo];

    public int Messages { get; init; } = 100;

    public int Warmup { get; init; } = 10;

    public int GapMilliseconds { get; init; } = 50;

    public int Burst { get; init; } = 1000;

    public int IdleSeconds { get; init; } = 60;

    public string? AppLog { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>Null and a message when the arguments are wrong.</summary>
    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return (null, Usage);
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                return (null, $"bad argument {name}\n{Usage}");
            }

            values[name[2..]] = args[++i];
        }

        string? Take(string key) => values.Remove(key, out var value) ? value : null;
        int Number(string key, int fallback, int min) =>
            Take(key) is { } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new FormatException($"--{key} needs a whole number >= {min}, not {text}")
                : fallback;

        try
        {
            var endpoint = Take("endpoint");
            var requestLog = Take("request-log");
            if (endpoint is null || requestLog is null)
            {
                return (null, $"--endpoint and --request-log are required\n{Usage}");
            }

            var kinds = Take("kinds") is { } list
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(k => k switch
                    {
                        "standard" => QueueKind.Standard,
                        "fifo" => QueueKind.Fifo,
                        _ => throw new FormatException($"--kinds: unknown queue kind {k} (standard, fifo)"),
                    })
                    .Distinct()
                    .ToArray()
                : null;
            var options = new BenchOptions
            {
                Endpoint = endpoint,
                RequestLog = requestLog,
                Kinds = kinds is { Length: > 0 } ? kinds : [QueueKind.Standard, QueueKind.Fifo],
                Messages = Number("messages", 100, 1),
                Warmup = Number("warmup", 10, 0),
                GapMilliseconds = Number("gap-ms", 50, 0),
                Burst = Number("burst", 1000, 1),
                IdleSeconds = Number("idle-seconds", 60, 0),
                AppLog = Take("app-log"),
                JsonPath = Take("json"),
            };
            return values.Count > 0
                ? (null, $"unknown option --{values.Keys.First()}\n{Usage}")
                : (options, null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
    }
}

public enum QueueKind
{
    Standard,
    Fifo,
}

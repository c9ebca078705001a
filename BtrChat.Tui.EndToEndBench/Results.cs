using System.Diagnostics;
using System.Text.Json.Serialization;

namespace BtrChat.EndToEndBench;

/// <summary>Latency samples in milliseconds; percentiles by linear interpolation between ranks (numpy's default, also used by the Python client).</summary>
public sealed record LatencyStats(int Samples, double P50Ms, double P95Ms, double MaxMs, double MeanMs)
{
    public static LatencyStats From(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new LatencyStats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1], sorted.Average());
    }

    public static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}

/// <summary>Requests per message while chatting at a human pace (one message, then the next).</summary>
public sealed record PacedResult(int Messages, long Requests, double RequestsPerMessage);

public sealed record BurstResult(
    int Messages,
    double Seconds,
    double MessagesPerSecond,
    long Requests,
    double RequestsPerMessage,
    int Lost,
    int Duplicated,
    int OutOfOrder,
    int LeftInQueue);

/// <summary>Idle figures; <see cref="CpuSeconds"/> is for the whole process, which holds <see cref="Clients"/> clients.</summary>
public sealed record IdleResult(
    double Seconds,
    int Clients,
    long Requests,
    double RequestsPerHourPerClient,
    double CpuSeconds,
    double CpuPercentOfOneCorePerProcess,
    double CpuPercentOfOneCorePerClient,
    string CpuByThread);

public sealed record PairResult(
    string Kind,
    double HandshakeMs,
    LatencyStats Latency,
    PacedResult Paced,
    BurstResult Burst,
    IdleResult? Idle,
    LatencyStats RawFloor,
    IReadOnlyList<string> Problems);

public sealed record BenchResult(
    string Client,
    string Runtime,
    string Date,
    int ProcessorCount,
    IReadOnlyList<PairResult> Pairs);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchResult))]
public sealed partial class ResultJson : JsonSerializerContext;

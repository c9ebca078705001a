using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;
using Serilog;

namespace BtrChat.EndToEndBench;

/// <summary>
/// Alice and Bob on a fresh queue pair of one kind: handshake, one-way latency (each message followed by one
/// raw-floor sample on a queue of the same kind, so that both see the same machine load), a burst, an idle window.
/// Only this pair uses the emulator while it runs, so the emulator's request log counts its requests and nobody else's.
/// </summary>
public sealed class PairBench(BenchOptions options, SqsEndpoint endpoint, IAmazonSQS admin, RequestLog requests, ILogger appLog)
{
    private const string PinText = "1234";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Quiet time before an idle window, so that nothing left over from the burst (GC, timers) lands in it.</summary>
    private static readonly TimeSpan IdleSettle = TimeSpan.FromSeconds(5);

    public async Task<PairResult> RunAsync(QueueKind kind)
    {
        var label = kind == QueueKind.Fifo ? "fifo" : "standard";
        var run = Guid.NewGuid().ToString("N")[..8];
        var aliceToBob = await CreateQueueAsync($"e2e-{run}-alice-to-bob", kind);
        var bobToAlice = await CreateQueueAsync($"e2e-{run}-bob-to-alice", kind);
        var rawQueue = await CreateQueueAsync($"e2e-{run}-raw", kind);
        using var raw = new RawFloorProbe(endpoint, (await admin.GetQueueUrlAsync(rawQueue)).QueueUrl, kind);
        Progress($"{label}: queues {aliceToBob} and {bobToAlice}");

        var started = Stopwatch.GetTimestamp();
        var alice = new HeadlessSide("alice", endpoint, new QueueNames(aliceToBob, bobToAlice), PinText, appLog);
        var bob = new HeadlessSide("bob", endpoint, new QueueNames(bobToAlice, aliceToBob), PinText, appLog);
        double handshakeMs;
        LatencyStats latency;
        LatencyStats rawFloor;
        PacedResult paced;
        BurstResult burst;
        IdleResult? idle = null;
        string[] problems;
        try
        {
            var established = await Task.WhenAll(alice.Established, bob.Established).WaitAsync(MessageTimeout);
            handshakeMs = LatencyStats.Milliseconds(started, established.Max());
            Progress($"{label}: handshake established on both sides after {handshakeMs:0} ms (both sessions started at once)");

            (latency, rawFloor, paced) = await MeasureLatencyAsync(alice, bob, raw, label);
            Progress($"{label}: one-way latency p50 {latency.P50Ms:0.00} ms, p95 {latency.P95Ms:0.00} ms, max {latency.MaxMs:0.00} ms; {paced.RequestsPerMessage:0.00} requests/message at that pace");
            Progress($"{label}: raw floor p50 {rawFloor.P50Ms:0.00} ms, p95 {rawFloor.P95Ms:0.00} ms, max {rawFloor.MaxMs:0.00} ms");

            burst = await MeasureBurstAsync(alice, bob, aliceToBob, label);
            Progress($"{label}: burst of {burst.Messages} in {burst.Seconds:0.000} s = {burst.MessagesPerSecond:0} msg/s, {burst.RequestsPerMessage:0.000} requests/message, lost {burst.Lost}, duplicated {burst.Duplicated}, out of order {burst.OutOfOrder}, left in queue {burst.LeftInQueue}");

            if (options.IdleSeconds > 0)
            {
                idle = await MeasureIdleAsync(label);
                Progress($"{label}: idle {idle.Seconds:0} s: {idle.Requests} requests = {idle.RequestsPerHourPerClient:0} per hour per client; CPU {idle.CpuSeconds:0.000} s for the process ({idle.CpuPercentOfOneCorePerProcess:0.000}% of one core)");
            }

            problems = [.. alice.Problems.Select(p => $"alice: {p}"), .. bob.Problems.Select(p => $"bob: {p}")];
        }
        finally
        {
            await alice.DisposeAsync();
            await bob.DisposeAsync();
        }

        return new PairResult(label, handshakeMs, latency, paced, burst, idle, rawFloor, problems);
    }

    /// <summary>
    /// Messages one at a time, each timed from <see cref="Chat.ChatSession.Send"/> to the peer's front end being
    /// handed it; after each, one raw-floor sample. The request count leaves out the probe's own requests.
    /// </summary>
    private async Task<(LatencyStats Latency, LatencyStats RawFloor, PacedResult Paced)> MeasureLatencyAsync(
        HeadlessSide alice, HeadlessSide bob, RawFloorProbe raw, string label)
    {
        var samples = new List<double>(options.Messages);
        var rawSamples = new List<double>(options.Messages);
        long before = 0;
        long rawBefore = 0;
        for (var i = 0; i < options.Warmup + options.Messages; i++)
        {
            if (i == options.Warmup)
            {
                before = await requests.WaitQuietAsync(Quiet, QuietLimit);
                rawBefore = raw.Requests;
            }

            var text = $"latency {label} {i:D4}";
            var count = bob.ArrivalCount;
            var sent = Stopwatch.GetTimestamp();
            alice.Session.Send(text);
            var shown = await bob.ShownAsync(count + 1).WaitAsync(MessageTimeout);
            var arrived = bob.ArrivalsFrom(count)[0].Text;
            if (arrived != text)
            {
                throw new InvalidOperationException($"expected \"{text}\" on Bob's side, got \"{arrived}\"");
            }

            var floor = await raw.SampleAsync(TimeSpan.FromMilliseconds(options.GapMilliseconds), MessageTimeout);
            if (i >= options.Warmup)
            {
                samples.Add(LatencyStats.Milliseconds(sent, shown));
                rawSamples.Add(floor);
            }

            await Task.Delay(options.GapMilliseconds);
        }

        var after = await requests.WaitQuietAsync(Quiet, QuietLimit);
        var chat = after - before - (raw.Requests - rawBefore);
        return (LatencyStats.From(samples), LatencyStats.From(rawSamples), new PacedResult(options.Messages, chat, chat / (double)options.Messages));
    }

    private async Task<BurstResult> MeasureBurstAsync(HeadlessSide alice, HeadlessSide bob, string aliceToBob, string label)
    {
        var texts = Enumerable.Range(0, options.Burst).Select(i => $"burst {label} {i:D5}").ToArray();
        var first = bob.ArrivalCount;
        var before = await requests.WaitQuietAsync(Quiet, QuietLimit);
        var sent = Stopwatch.GetTimestamp();
        foreach (var text in texts)
        {
            alice.Session.Send(text);
        }

        var lastShown = await bob.ShownAsync(first + texts.Length).WaitAsync(TimeSpan.FromSeconds(120 + (texts.Length / 10)));
        var seconds = Stopwatch.GetElapsedTime(sent, lastShown).TotalSeconds;

        // The deletes trail the last message shown; count until the emulator has gone quiet.
        var after = await requests.WaitQuietAsync(Quiet, QuietLimit);
        var arrived = bob.ArrivalsFrom(first).Select(a => a.Text).ToArray();
        var expected = texts.ToHashSet(StringComparer.Ordinal);
        var lost = texts.Length - arrived.Where(expected.Contains).Distinct(StringComparer.Ordinal).Count();
        var duplicated = arrived.Length - arrived.Distinct(StringComparer.Ordinal).Count();
        var outOfOrder = arrived.Where((text, i) => i >= texts.Length || text != texts[i]).Count();
        return new BurstResult(
            texts.Length,
            seconds,
            texts.Length / seconds,
            after - before,
            (after - before) / (double)texts.Length,
            lost,
            duplicated,
            outOfOrder,
            await CountMessagesAsync(aliceToBob));
    }

    private async Task<IdleResult> MeasureIdleAsync(string label)
    {
        Progress($"{label}: both sessions idle for {options.IdleSeconds} s");
        await requests.WaitQuietAsync(Quiet, QuietLimit);
        await Task.Delay(IdleSettle);
        var before = await requests.WaitQuietAsync(Quiet, QuietLimit);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var threadsBefore = ThreadCpu.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds));
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var byThread = ThreadCpu.Describe(threadsBefore, ThreadCpu.Snapshot(), cpu);
        Progress($"{label}: idle CPU by thread: {byThread}");
        var count = requests.Count() - before;
        const int clients = 2;
        return new IdleResult(
            seconds,
            clients,
            count,
            count * 3600 / seconds / clients,
            cpu,
            cpu / seconds * 100,
            cpu / seconds * 100 / clients,
            byThread);
    }

    private async Task<string> CreateQueueAsync(string name, QueueKind kind)
    {
        var request = new CreateQueueRequest { QueueName = kind == QueueKind.Fifo ? name + ".fifo" : name };
        if (kind == QueueKind.Fifo)
        {
            request.Attributes = new Dictionary<string, string> { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" };
        }

        await admin.CreateQueueAsync(request);
        return request.QueueName;
    }

    private async Task<int> CountMessagesAsync(string queueName)
    {
        var url = (await admin.GetQueueUrlAsync(queueName)).QueueUrl;
        var attributes = await admin.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return int.Parse(attributes.Attributes["ApproximateNumberOfMessages"], CultureInfo.InvariantCulture)
            + int.Parse(attributes.Attributes["ApproximateNumberOfMessagesNotVisible"], CultureInfo.InvariantCulture);
    }

    private static void Progress(string line) => Console.Error.WriteLine($"e2e-bench: {line}");
}

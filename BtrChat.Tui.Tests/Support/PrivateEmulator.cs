using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;

namespace BtrChat.Tests.Support;

/// <summary>
/// An emulator one test owns, for faults the shared <see cref="SqsEmulator"/> must never see: it can be killed and
/// started again on the same port. fauxqs keeps its queues in memory, so every start creates the same queues again.
/// With <c>countRequests</c> it logs each request, and <see cref="RequestsSince"/> counts them by the emulator's own clock.
/// </summary>
public sealed class PrivateEmulator : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<string> _queueArgs;
    private readonly bool _countRequests;
    private readonly ConcurrentQueue<DateTimeOffset> _requests = new();
    private Process? _process;
    private Task _drain = Task.CompletedTask;

    private PrivateEmulator(IReadOnlyList<string> queueArgs, bool countRequests)
    {
        _queueArgs = queueArgs;
        _countRequests = countRequests;
    }

    public int Port { get; private set; }

    public string Endpoint => $"http://localhost:{Port}";

    public SqsEndpoint SqsEndpoint => new("us-east-1", Endpoint);

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts on a free port with the given queues (FIFO ones end in ".fifo").</summary>
    public static async Task<PrivateEmulator> StartAsync(IEnumerable<string> queues, bool countRequests = false)
    {
        var args = queues.SelectMany(q => new[] { q.EndsWith(".fifo", StringComparison.Ordinal) ? "--fifo" : "--standard", q }).ToArray();
        var emulator = new PrivateEmulator(args, countRequests);
        try
        {
            await emulator.LaunchAsync(port: 0);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>The endpoint goes away: the process is killed (SIGKILL), its connections and its queues with it.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await _drain;
            process.Dispose();
        }
    }

    /// <summary>The endpoint comes back: a new process on the same port, with the same queues (empty).</summary>
    public Task RestartAsync() => IsRunning ? throw new InvalidOperationException("The emulator is still running.") : LaunchAsync(Port);

    /// <summary>Requests the emulator received after <paramref name="since"/> (by its clock, which is this machine's).</summary>
    public int RequestsSince(DateTimeOffset since) =>
        _countRequests ? _requests.Count(at => at > since) : throw new InvalidOperationException("Start with countRequests: true.");

    public IAmazonSQS CreateClient() => EmulatorClient.Create(Endpoint);

    /// <summary>Visible plus in-flight messages of <paramref name="queueName"/>.</summary>
    public Task<int> CountMessagesAsync(string queueName) => EmulatorClient.CountMessagesAsync(Endpoint, queueName);

    /// <summary>Waits until at least <paramref name="count"/> requests after <paramref name="since"/> were logged (the log trails the answers a little).</summary>
    public async Task<int> WaitForRequestsSinceAsync(DateTimeOffset since, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (RequestsSince(since) < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return RequestsSince(since);
    }

    public ValueTask DisposeAsync() => new(KillAsync());

    private async Task LaunchAsync(int port)
    {
        var start = new ProcessStartInfo("node", ["scripts/emulator.mjs", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. _queueArgs])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // A test process that dies closes the pipe, and the emulator stops with it.
        start.Environment["EMULATOR_STOP_ON_STDIN_EOF"] = "1";
        start.Environment["FAUXQS_LOGGER"] = _countRequests ? "true" : "false";
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        _process = process;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        // With the logger on, fauxqs's own "listening" lines come before the port line.
        using var deadline = new CancellationTokenSource(StartTimeout);
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(deadline.Token)) is not null)
        {
            if (line.StartsWith("FAUXQS_PORT=", StringComparison.Ordinal))
            {
                Port = int.Parse(line["FAUXQS_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture);
                _drain = Task.Run(() => DrainAsync(process.StandardOutput));
                return;
            }
        }

        throw new InvalidOperationException($"The private SQS emulator did not start on port {port} (exit code {(process.HasExited ? process.ExitCode : -1)}).");
    }

    private async Task DrainAsync(StreamReader output)
    {
        try
        {
            while (await output.ReadLineAsync() is { } line)
            {
                if (_countRequests && RequestTime(line) is { } at)
                {
                    _requests.Enqueue(at);
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process went away.
        }
    }

    /// <summary>The time of a fastify "incoming request" log line (pino JSON: "time" in epoch milliseconds).</summary>
    private static DateTimeOffset? RequestTime(string line)
    {
        if (!line.StartsWith('{') || !line.Contains("\"incoming request\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var json = JsonDocument.Parse(line);
        return json.RootElement.TryGetProperty("msg", out var msg) && msg.GetString() == "incoming request"
            && json.RootElement.TryGetProperty("time", out var time)
            ? DateTimeOffset.FromUnixTimeMilliseconds(time.GetInt64())
            : null;
    }
}

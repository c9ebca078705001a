using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using BtrChat.Tests.Cli;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Transport;

/// <summary>
/// No AWS credentials anywhere: the built program, as a process, against a running emulator whose queues exist,
/// in an environment with no AWS_* variables, an empty HOME (no ~/.aws) and instance metadata switched off.
/// </summary>
public sealed class FaultNoCredentialsTests(SqsEmulator emulator) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task EchoPeer_NoCredentialsAnywhere_PrintsOneStoppedLineSayingNoAwsCredentials()
    {
        var tx = await emulator.CreateQueueAsync("nocred-tx", fifo: true);
        var rx = await emulator.CreateQueueAsync("nocred-rx", fifo: true);
        var start = EchoPeerStart(["echo-peer", "--endpoint", emulator.Endpoint, "--tx-queue", tx, "--rx-queue", rx]);
        var stdout = new ConcurrentQueue<string>();
        var stderr = new ConcurrentQueue<string>();
        using var arrived = new SemaphoreSlim(0);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stdout.Enqueue(line);
                arrived.Release();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string? stoppedLine = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            deadline.CancelAfter(Wait);
            while ((stoppedLine = stdout.FirstOrDefault(l => l.StartsWith("echo peer: stopped:", StringComparison.Ordinal))) is null && !process.HasExited)
            {
                await arrived.WaitAsync(deadline.Token);
            }

            // Anything that would follow the line (a retry, a trace) has a moment to show.
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Reported below with what was printed.
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var printed = string.Join(" | ", stdout.Concat(stderr));
        Assert.True(stoppedLine is not null, $"no stopped line within {Wait}: {printed}");
        Assert.Contains("no AWS credentials", stoppedLine, StringComparison.Ordinal);
        Assert.Single(stdout, l => l.Contains("credentials", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(stdout, l => l.StartsWith("echo peer: offline", StringComparison.Ordinal) || l.StartsWith("echo peer: online", StringComparison.Ordinal));
        Assert.DoesNotContain(stdout.Concat(stderr), l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    /// <summary>The program next to the tests, through the dotnet host that runs them, with nothing that could hold credentials.</summary>
    private ProcessStartInfo EchoPeerStart(string[] args)
    {
        var start = BtrchatProcess.StartInfo(args);

        // The test process itself has AWS_* keys (the shared emulator's fixture sets them): none may reach the child.
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("AWS_", StringComparison.Ordinal) || n.StartsWith("BTRCHAT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        Directory.CreateDirectory(_home.Combine("home"));
        start.Environment["HOME"] = _home.Combine("home");
        start.Environment["XDG_CONFIG_HOME"] = _home.Combine("config");
        start.Environment["XDG_STATE_HOME"] = _home.Combine("state");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["BTRCHAT_PIN"] = "1234";
        start.Environment["TERM"] = "dumb";
        return start;
    }
}

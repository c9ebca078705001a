using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.EndToEnd;

/// <summary>
/// Runs one of the scripts/e2e-*.sh scripts (real btrchat processes in a private tmux server, built on
/// scripts/e2e-lib.sh) against the btrchat apphost built beside these tests, and asserts its verdict: exit code 0 and
/// its "NAME: PASS" line. Missing tools fail with what to install: an end-to-end test that skips quietly proves nothing.
/// </summary>
internal static class TmuxScript
{
    /// <summary>How long the script may take, after SIGTERM on a timeout, to print its screens and clean up.</summary>
    private static readonly TimeSpan GraceAfterTerm = TimeSpan.FromSeconds(15);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="name">The script's name without ".sh", as it prints it.</param>
    /// <param name="timeout">How long the whole script may run.</param>
    /// <param name="environment">Extra variables for the script.</param>
    public static async Task AssertPassesAsync(string name, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.True(FindOnPath("tmux") is not null, $"tmux is required for {name}: apt-get install -y tmux");
        Assert.True(FindOnPath("bash") is not null, $"bash is required for {name}");
        Assert.True(FindOnPath("node") is not null, $"node is required for {name} (it runs the SQS emulator, scripts/emulator.mjs): apt-get install -y nodejs npm");
        Assert.True(
            Directory.Exists(RepoPaths.Combine("node_modules", "fauxqs")),
            $"The SQS emulator is not installed (no node_modules/fauxqs): run `npm ci` in the repo root ({RepoPaths.Root}).");

        string btrchat = Path.Combine(AppContext.BaseDirectory, "btrchat");
        Assert.True(File.Exists(btrchat), $"The btrchat apphost is not beside the tests ({btrchat}): build the solution.");
        string script = RepoPaths.Combine("scripts", name + ".sh");
        Assert.True(File.Exists(script), $"{script} is missing.");

        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["BTRCHAT_BIN"] = btrchat };
        Outcome outcome = await RunAsync(script, variables, timeout, TestContext.Current.CancellationToken);

        string report =
            $"bash scripts/{name}.sh (BTRCHAT_BIN={btrchat}) {(outcome.TimedOut ? "timed out" : "finished")}, exit code {outcome.ExitCode}, after {outcome.Elapsed.TotalSeconds:0.0}s"
            + $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{outcome.Stdout}"
            + $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{outcome.Stderr}";
        Assert.False(outcome.TimedOut, report);
        Assert.True(outcome.ExitCode == 0, report);
        Assert.True(outcome.Stdout.Contains($"{name}: PASS", StringComparison.Ordinal), report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
    }

    private static async Task<Outcome> RunAsync(string script, Dictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(FindOnPath("bash")!)
        {
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
            // The script starts tmux and node: none of them may get hold of the test runner's terminal.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        startInfo.ArgumentList.Add(script);
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start bash {script}.");
        process.StandardInput.Close();

        // Both pipes drain concurrently so that a chatty script can never block on a full one.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);

        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            timedOut = true;
            await StopAsync(process);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            throw;
        }

        // Waits for the redirected streams to reach end of file as well.
        await process.WaitForExitAsync(CancellationToken.None);
        return new Outcome(timedOut ? -1 : process.ExitCode, timedOut, await stdout, await stderr, stopwatch.Elapsed);
    }

    /// <summary>
    /// SIGTERM first, so that the script's trap prints the screens and stops the btrchats, the private tmux server (which
    /// has left the process tree) and the emulator; then the whole tree is killed if it still runs.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
            });
            if (kill is not null)
            {
                await kill.WaitForExitAsync(CancellationToken.None);
            }

            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(GraceAfterTerm, CancellationToken.None);
        }
        catch (Exception e) when (e is TimeoutException or Win32Exception or InvalidOperationException)
        {
            // Fall through to the hard kill.
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static string? FindOnPath(string name)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return directories.Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
    }

    private sealed record Outcome(int ExitCode, bool TimedOut, string Stdout, string Stderr, TimeSpan Elapsed);
}

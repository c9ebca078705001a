using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace BtrChat.Tests.EndToEnd;

/// <summary>
/// Runs scripts/e2e-tmux.sh: two real btrchat processes in 80x24 panes of a private tmux server chat with each
/// other through a local SQS emulator, then quit with Ctrl-D. The script does the driving and the checking;
/// this test supplies the executable built with it and asserts the script's verdict.
/// </summary>
/// <remarks>Missing tools fail the test with what to install: an end-to-end test that skips quietly proves nothing.</remarks>
public sealed class TmuxEndToEndTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How long the script may take, after SIGTERM on a timeout, to print its screens and clean up.</summary>
    private static readonly TimeSpan GraceAfterTerm = TimeSpan.FromSeconds(15);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [Fact]
    public async Task TwoRealProcesses_ChatThroughTheEmulator_AndQuitWithCtrlD()
    {
        string repoRoot = FindRepoRoot();
        Assert.True(
            FindOnPath("tmux") is not null,
            "tmux is required for the end-to-end test: apt-get install -y tmux");
        Assert.True(
            FindOnPath("bash") is not null,
            "bash is required for the end-to-end test (it runs scripts/e2e-tmux.sh)");
        Assert.True(
            FindOnPath("node") is not null,
            "node is required for the end-to-end test (it runs the SQS emulator, scripts/emulator.mjs)");
        Assert.True(
            Directory.Exists(Path.Combine(repoRoot, "node_modules", "fauxqs")),
            $"The SQS emulator is not installed (no node_modules/fauxqs): run `npm ci` in the repo root ({repoRoot}).");

        string btrchat = FindBtrChatExecutable(repoRoot);
        string script = Path.Combine(repoRoot, "scripts", "e2e-tmux.sh");
        Assert.True(File.Exists(script), $"{script} is missing.");

        ScriptOutcome outcome = await RunScriptAsync(repoRoot, script, btrchat, TestContext.Current.CancellationToken);

        string report =
            $"bash scripts/e2e-tmux.sh (BTRCHAT_BIN={btrchat}) {outcome.Verdict}, exit code {outcome.ExitCode}, after {outcome.Elapsed.TotalSeconds:0.0}s"
            + $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{outcome.Stdout}"
            + $"{Environment.NewLine}--- stderr ---{Environment.NewLine}{outcome.Stderr}";
        Assert.False(outcome.TimedOut, report);
        Assert.True(outcome.ExitCode == 0, report);
        Assert.True(outcome.Stdout.Contains("e2e-tmux: PASS", StringComparison.Ordinal), report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
    }

    private static async Task<ScriptOutcome> RunScriptAsync(string repoRoot, string script, string btrchat, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(FindOnPath("bash")!)
        {
            UseShellExecute = false,
            WorkingDirectory = repoRoot,
            // The script starts tmux and node: none of them may get hold of the test runner's terminal.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.Environment["BTRCHAT_BIN"] = btrchat;

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start bash {script}.");
        process.StandardInput.Close();

        // Both pipes drain concurrently so that a chatty script can never block on a full one.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);

        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(ScriptTimeout, cancellationToken);
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
        string output = await stdout;
        string errors = await stderr;
        return new ScriptOutcome(
            timedOut ? -1 : process.ExitCode,
            timedOut,
            output,
            errors,
            stopwatch.Elapsed);
    }

    /// <summary>
    /// SIGTERM first, so that the script's trap prints the screens, stops both btrchats and the private tmux server
    /// (which has left the process tree) and the emulator; then the whole tree is killed if it still runs.
    /// </summary>
    private static async Task StopAsync(Process process)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
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

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BtrChat.Tui.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No BtrChat.Tui.sln in {AppContext.BaseDirectory} or any directory above it.");
    }

    /// <summary>
    /// The apphost copied next to this test assembly (the test project references BtrChat.Tui), so the test runs
    /// the very build it was compiled with; otherwise the one in BtrChat.Tui's own output for this configuration.
    /// </summary>
    private static string FindBtrChatExecutable(string repoRoot)
    {
        string nextToTests = Path.Combine(AppContext.BaseDirectory, "btrchat");
        if (File.Exists(nextToTests))
        {
            return nextToTests;
        }

        string configuration = typeof(TmuxEndToEndTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } name
            ? name
            : "Debug";
        string inAppOutput = Path.Combine(repoRoot, "BtrChat.Tui", "bin", configuration, "net10.0", "btrchat");
        Assert.True(
            File.Exists(inAppOutput),
            $"The btrchat executable is neither next to the tests ({nextToTests}) nor at {inAppOutput}: run `dotnet build` in the repo root.");
        return inAppOutput;
    }

    private static string? FindOnPath(string name)
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return directories.Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
    }

    private sealed record ScriptOutcome(int ExitCode, bool TimedOut, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public string Verdict => TimedOut ? "timed out" : "finished";
    }
}

using BtrChat.Tests.Support;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace BtrChat.Tests.Cli;

/// <summary>
/// The built program, run as a process: what a user sees on a bad start is one line on stderr and exit code 2,
/// never a stack trace. Each run gets its own XDG directories and no inherited BTRCHAT_* variables.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Run_WithoutAnyQueueConfigured_ExitsTwoWithOneLineNamingTxQueue()
    {
        var run = await RunAsync([]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("btrchat: ", line);
        Assert.Contains("txQueue is not set", line);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Run_WithABadConfigFile_ExitsTwoWithOneLineNamingTheFile()
    {
        var config = _home.Write("bad.json", """{ "txQueue": "a", "rxQueue": "b", "colour": "blue" }""");

        var run = await RunAsync(["--config", config]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains(config, line);
        Assert.Contains("'colour'", line);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Run_WithAnUnknownOption_ExitsTwoNamingIt()
    {
        var run = await RunAsync(["--colour", "blue"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--colour", run.Stderr);
        Assert.Contains("btrchat --help", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Help_ExitsZeroAndListsTheEchoPeerCommand()
    {
        var run = await RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("echo-peer", run.Stdout);
        Assert.Contains("--tx-queue", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Theory]
    [InlineData("setup", "--me --peer --standard --out --region --profile --endpoint", "--config --pin-file --tx-queue --log-file")]
    [InlineData("doctor", "--config --tx-queue --rx-queue --region --profile --endpoint --security-mode --key-file --log-file", "--pin-file --me")]
    [InlineData("keygen", "", "--config --pin-file --region --profile --endpoint")]
    [InlineData("echo-peer", "--config --pin-file --tx-queue --profile", "--me --standard")]
    public async Task Help_OfEachCommand_ListsTheOptionsItReadsAndNoOthers(string command, string listed, string absent)
    {
        var run = await RunAsync([command, "--help"]);

        Assert.Equal(0, run.ExitCode);
        var options = run.Stdout[run.Stdout.IndexOf("Options:", StringComparison.Ordinal)..];
        Assert.All(listed.Split(' ', StringSplitOptions.RemoveEmptyEntries), option => Assert.Contains($"  {option} ", options, StringComparison.Ordinal));
        Assert.All(absent.Split(' ', StringSplitOptions.RemoveEmptyEntries), option => Assert.DoesNotContain($"  {option} ", options, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EchoPeer_WithoutAPin_ExitsTwoWithOneLineNamingBtrchatPin()
    {
        var run = await RunAsync(["echo-peer", "--tx-queue", "echo-tx", "--rx-queue", "echo-rx"]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("BTRCHAT_PIN", line);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Theory]
    [InlineData("echo-peer")]
    [InlineData("")]
    public async Task Run_WithABadLegacyPinInBtrchatPin_ExitsTwoWithOneLineAndNeverShowsThePin(string command)
    {
        string[] args = [.. command.Length > 0 ? [command] : Array.Empty<string>(), "--tx-queue", "a-tx", "--rx-queue", "a-rx", "--security-mode", "legacy"];

        var run = await RunAsync(args, new Dictionary<string, string> { ["BTRCHAT_PIN"] = "98765" });

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("exactly 4 characters", line);
        Assert.DoesNotContain("98765", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Theory]
    [InlineData("echo-peer")]
    [InlineData("")]
    public async Task Run_WithATooShortPinInPinMode_ExitsTwoWithOneLineAndNeverShowsThePin(string command)
    {
        string[] args = [.. command.Length > 0 ? [command] : Array.Empty<string>(), "--tx-queue", "a-tx", "--rx-queue", "a-rx"];

        var run = await RunAsync(args, new Dictionary<string, string> { ["BTRCHAT_PIN"] = "987" });

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("at least 4 characters", line);
        Assert.DoesNotContain("987", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task EchoPeer_WithAnUnreadablePinFile_ExitsTwoWithOneLine()
    {
        var run = await RunAsync(["echo-peer", "--tx-queue", "a", "--rx-queue", "b", "--pin-file", _home.Combine("no-such-pin")]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("no-such-pin", line);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Run_WithAFailingStart_WritesTheLogUnderXdgStateHomeOnly()
    {
        var run = await RunAsync(["echo-peer", "--tx-queue", "a", "--rx-queue", "b"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(Directory.GetFiles(_home.Combine("state", "btrchat"), "btrchat*.log"));
        Assert.False(Directory.Exists(_home.Combine("home")), "something was written under HOME");
        Assert.False(Directory.Exists(_home.Combine("config")), "something was written under XDG_CONFIG_HOME");
    }

    private async Task<ProcessRun> RunAsync(string[] args, IDictionary<string, string>? env = null)
    {
        var start = StartInfo(args);
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("BTRCHAT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_CONFIG_HOME"] = _home.Combine("config");
        start.Environment["XDG_STATE_HOME"] = _home.Combine("state");
        start.Environment["HOME"] = _home.Combine("home");
        start.Environment["TERM"] = "dumb";
        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"btrchat {string.Join(' ', args)} did not exit within {Timeout}; stderr: {await stderr}");
        }

        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }

    private static ProcessStartInfo StartInfo(string[] args) => BtrchatProcess.StartInfo(args);

    private sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

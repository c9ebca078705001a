using BtrChat.Cli;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Cli;

/// <summary>
/// <c>btrchat doctor</c> run in process against the emulator: one line per check, exit 0 only when none failed.
/// Each test gets its own config file and a private log directory, so only the problem under test can fail.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class DoctorCommandTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly SqsEmulator _emulator;
    private readonly TempDirectory _dir = new();
    private readonly EnvironmentScope _env;

    public DoctorCommandTests(SqsEmulator emulator)
    {
        _emulator = emulator;
        _env = new EnvironmentScope(_dir);
        Directory.CreateDirectory(_dir.Combine("logs"), Private);
    }

    public void Dispose()
    {
        _env.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Doctor_GoodConfigWithFifoQueues_AllPassAndExitsZero()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: true);
        var rx = await _emulator.CreateQueueAsync("doctor-rx", fifo: true);

        var (code, lines) = await RunAsync(Config(tx, rx));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain(lines, line => line.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.Contains($"ok   queue {tx} (tx) exists", lines);
        Assert.Contains($"ok   queue {rx} (rx) exists", lines);
        Assert.Contains($"ok   queue {rx} type (FIFO, as its name says)", lines);
        Assert.Contains(lines, line => line.StartsWith("ok   AWS credentials (from ", StringComparison.Ordinal));
        Assert.Contains($"ok   SQS endpoint {_emulator.Endpoint}/ answers", lines);
        Assert.Contains(lines, line => line.StartsWith("ok   clock (within ", StringComparison.Ordinal));
        Assert.Contains($"ok   log directory {_dir.Combine("logs")} (writable, private)", lines);
    }

    [Fact]
    public async Task Doctor_MissingRxQueue_FailsNamingItAndExitsOne()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: true);
        var rx = $"doctor-missing-{Guid.NewGuid():N}.fifo";

        var (code, lines) = await RunAsync(Config(tx, rx));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"FAIL queue {rx} (rx): queue '{rx}' does not exist on this endpoint. Fix: check the queue name and region", lines);
        Assert.Contains($"ok   queue {tx} (tx) exists", lines);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Doctor_ProbesEveryPermissionBtrchatUses_WithoutChangingEitherQueue(bool fifo)
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo);
        var rx = await _emulator.CreateQueueAsync("doctor-rx", fifo);
        await _emulator.SendRawAsync(rx, "waiting for the reader");

        var (code, lines) = await RunAsync(Config(tx, rx));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(lines, line => line.StartsWith($"ok   queue {tx} allows sqs:SendMessage (", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"ok   queue {rx} allows sqs:ReceiveMessage (", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"ok   queue {rx} allows sqs:DeleteMessage (", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"ok   queue {rx} allows sqs:ChangeMessageVisibility (", StringComparison.Ordinal));
        Assert.Equal(0, await _emulator.CountMessagesAsync(tx));
        Assert.Equal(1, await _emulator.CountMessagesAsync(rx));
    }

    [Fact]
    public async Task Doctor_StandardQueues_PassTheTypeCheckAsStandard()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: false);
        var rx = await _emulator.CreateQueueAsync("doctor-rx", fifo: false);

        var (code, lines) = await RunAsync(Config(tx, rx));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"ok   queue {tx} type (standard, as its name says)", lines);
        Assert.Contains($"ok   queue {rx} type (standard, as its name says)", lines);
    }

    [Fact]
    public async Task Doctor_QueueWithADeliveryDelay_FailsNamingTheDelay()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: false);
        var rx = $"doctor-delay-{Guid.NewGuid():N}";
        using (var client = _emulator.CreateClient())
        {
            await client.CreateQueueAsync(new Amazon.SQS.Model.CreateQueueRequest { QueueName = rx, Attributes = new() { ["DelaySeconds"] = "5" } }, TestContext.Current.CancellationToken);
        }

        var (code, lines) = await RunAsync(Config(tx, rx));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(lines, line => line.StartsWith($"FAIL queue {rx} delivery delay: every message waits 5 s before it can be read. Fix: ", StringComparison.Ordinal));
        Assert.Contains($"ok   queue {tx} delivery delay (none)", lines);
    }

    [Fact]
    public async Task Doctor_WorldReadableKeyFile_FailsWithChmodHint()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: true);
        var rx = await _emulator.CreateQueueAsync("doctor-rx", fifo: true);
        var key = _dir.Combine("chat.key");
        KeyFileStore.Create(key);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, lines) = await RunAsync(Config(tx, rx, $""" "securityMode": "key-file", "keyFile": "{key}", """));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"FAIL key file {key}: the key file is readable by other users. Fix: chmod 600 {key}", lines);
    }

    [Fact]
    public async Task Doctor_PrivateKeyFile_Passes()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: true);
        var rx = await _emulator.CreateQueueAsync("doctor-rx", fifo: true);
        var key = _dir.Combine("chat.key");
        KeyFileStore.Create(key);

        var (code, lines) = await RunAsync(Config(tx, rx, $""" "securityMode": "key-file", "keyFile": "{key}", """));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"ok   key file {key} (private, holds a key)", lines);
    }

    [Fact]
    public async Task Doctor_LogDirectoryThatCannotBeCreated_FailsNamingWhatIsInTheWay()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: true);
        var rx = await _emulator.CreateQueueAsync("doctor-rx", fifo: true);
        var inTheWay = _dir.Write("not-a-directory", "a file where the log directory's parent should be");
        var logs = Path.Combine(inTheWay, "logs");

        var (code, lines) = await RunAsync(_dir.Write("config.json", $$"""{ "txQueue": "{{tx}}", "rxQueue": "{{rx}}", "endpoint": "{{_emulator.Endpoint}}", "logFile": "{{logs}}/btrchat.log" }"""));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"FAIL log directory {logs}: missing and cannot be created: {inTheWay} is a file. Fix: create it (mkdir -m 700 DIR), or choose another --log-file", lines);
    }

    [Fact]
    public async Task Doctor_LogDirectoryOthersCanEnter_FailsWithChmodHint()
    {
        var tx = await _emulator.CreateQueueAsync("doctor-tx", fifo: true);
        var rx = await _emulator.CreateQueueAsync("doctor-rx", fifo: true);
        var logs = _dir.Combine("logs");
        File.SetUnixFileMode(logs, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var (code, lines) = await RunAsync(Config(tx, rx));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"FAIL log directory {logs}: mode 755 lets other users in. Fix: chmod 700 {logs}", lines);
    }

    [Fact]
    public async Task Doctor_UnreachableEndpoint_FailsWithCannotReachAndSkipsQueues()
    {
        var config = _dir.Write("config.json", $$"""{ "txQueue": "a.fifo", "rxQueue": "b.fifo", "endpoint": "http://127.0.0.1:1", "logFile": "{{LogFile}}" }""");

        var (code, lines) = await RunAsync(config);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(lines, line => line.StartsWith("FAIL SQS endpoint http://127.0.0.1:1/: cannot reach it (", StringComparison.Ordinal)
            && line.EndsWith("). Fix: check the endpoint URL or region, and the network", StringComparison.Ordinal));
        Assert.Contains("?    clock: unknown (the endpoint did not answer)", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("FAIL queue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Doctor_MalformedConfigFile_PrintsConfigLoadersLineAndExitsTwo()
    {
        var config = _dir.Write("config.json", """{ "txQueue": "a", """);

        var (code, lines) = await RunAsync(config);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        var line = Assert.Single(lines);
        Assert.StartsWith($"FAIL configuration: {config}: not valid JSON (line ", line);
    }

    [Fact]
    public async Task Doctor_FromTheCommandLine_IsRegisteredAndPrintsItsLines()
    {
        var config = _dir.Write("config.json", """{ "txQueue": "a", """);
        var start = BtrchatProcess.StartInfo(["doctor", "--config", config]);

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.BadConfiguration, process.ExitCode);
        Assert.StartsWith($"FAIL configuration: {config}: not valid JSON", stdout);
    }

    private string LogFile => _dir.Combine("logs", "btrchat.log");

    private string Config(string tx, string rx, string extra = "") =>
        _dir.Write("config.json", $$"""{ {{extra}} "txQueue": "{{tx}}", "rxQueue": "{{rx}}", "endpoint": "{{_emulator.Endpoint}}", "logFile": "{{LogFile}}" }""");

    private static async Task<(int Code, string[] Lines)> RunAsync(string config)
    {
        using var output = new StringWriter();
        var code = await DoctorCommand.RunAsync(config, new Dictionary<string, string?>(), output, TestContext.Current.CancellationToken);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}

using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;

[assembly: AssemblyFixture(typeof(BtrChat.Tests.Support.SqsEmulator))]

namespace BtrChat.Tests.Support;

/// <summary>
/// The real SQS endpoint for transport tests: the fauxqs emulator pinned in package.json, started once for
/// the test assembly on a free port and stopped afterwards. A missing emulator fails the tests with the fix,
/// never skips them.
/// </summary>
public sealed class SqsEmulator : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private Process? _process;

    public int Port { get; private set; }

    public string Endpoint => $"http://localhost:{Port}";

    public SqsEndpoint SqsEndpoint => new("us-east-1", Endpoint);

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(RepoPaths.Combine("node_modules", "fauxqs", "package.json")))
        {
            throw new InvalidOperationException(
                $"The SQS emulator is not installed: run `npm ci` in {RepoPaths.Root} (needs node and npm).");
        }

        // The SDK's credential chain needs something to sign with; the emulator accepts any key.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "btrchat-tests");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "btrchat-tests");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");

        var start = new ProcessStartInfo("node", ["scripts/emulator.mjs"])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["EMULATOR_STOP_ON_STDIN_EOF"] = "1";
        start.Environment["FAUXQS_LOGGER"] = "false";
        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("The SQS emulator needs node on PATH (apt-get install -y nodejs npm).", e);
        }

        var firstLine = await _process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
        if (firstLine is null || !firstLine.StartsWith("FAUXQS_PORT=", StringComparison.Ordinal))
        {
            var error = await _process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"The SQS emulator did not start: {firstLine} {error}");
        }

        Port = int.Parse(firstLine["FAUXQS_PORT=".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    public IAmazonSQS CreateClient() => EmulatorClient.Create(Endpoint);

    /// <summary>A fresh, uniquely named queue, so tests never share state.</summary>
    public async Task<string> CreateQueueAsync(string prefix, bool fifo, bool contentBasedDeduplication = true)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(70, prefix.Length + 33)] + (fifo ? ".fifo" : string.Empty);
        var attributes = new Dictionary<string, string>();
        if (fifo)
        {
            attributes["FifoQueue"] = "true";
            attributes["ContentBasedDeduplication"] = contentBasedDeduplication ? "true" : "false";
        }

        using var client = CreateClient();
        await client.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes });
        return name;
    }

    /// <summary>Visible plus in-flight messages: zero means everything that arrived was deleted.</summary>
    public Task<int> CountMessagesAsync(string queueName) => EmulatorClient.CountMessagesAsync(Endpoint, queueName);

    public async Task SendRawAsync(string queueName, string body)
    {
        using var client = CreateClient();
        var url = (await client.GetQueueUrlAsync(queueName)).QueueUrl;
        var request = new SendMessageRequest { QueueUrl = url, MessageBody = body };
        if (queueName.EndsWith(".fifo", StringComparison.Ordinal))
        {
            request.MessageGroupId = SqsMessageQueue.MessageGroupId;
            request.MessageDeduplicationId = Guid.NewGuid().ToString("N");
        }

        await client.SendMessageAsync(request);
    }
}

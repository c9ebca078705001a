using System.Text.Json;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Interop;

/// <summary>
/// Ours against a Python client that speaks the original btrchat's wire format exactly (boto3 and
/// cryptography's Fernet, PIN 1234), through the emulator, in both directions.
/// </summary>
public sealed class OriginalClientInteropTests(SqsEmulator emulator)
{
    private const string Pin = "1234";

    private static readonly string Script = File.ReadAllText(RepoPaths.Combine("BtrChat.Tui.Tests", "Interop", "original_btrchat_wire.py"));

    [Fact]
    public async Task OriginalClient_SendsLines_OursShowsEachAsAPeerMessageInOrder()
    {
        PythonOracle.EnsureAvailable();
        var (ours, original) = (await emulator.CreateQueueAsync("orig-to-ours", fifo: true), await emulator.CreateQueueAsync("ours-to-orig", fifo: true));
        await using var session = StartSession(new QueueNames(original, ours));
        await using var sees = new EventRecorder(session);
        string[] lines = ["hello from python", "grüße, ünïcödé ✓", "third"];

        await Task.Run(() => RunOriginal("send", ours, stdin: string.Join('\n', lines)), TestContext.Current.CancellationToken);

        var received = await sees.WaitForCountAsync<ChatEvent.PeerMessage>(lines.Length);
        Assert.Equal(lines, received.Select(m => m.Text));
    }

    [Fact]
    public async Task Ours_SendsMessages_OriginalClientDecryptsThemInOrder()
    {
        PythonOracle.EnsureAvailable();
        var (ours, original) = (await emulator.CreateQueueAsync("orig-to-ours", fifo: true), await emulator.CreateQueueAsync("ours-to-orig", fifo: true));
        await using var session = StartSession(new QueueNames(original, ours));
        await using var sees = new EventRecorder(session);
        string[] texts = ["hello from C#", "ça va? ✓", "last"];

        foreach (var text in texts)
        {
            session.Send(text);
        }

        await sees.WaitForCountAsync<ChatEvent.OwnMessageSent>(texts.Length);
        var printed = await Task.Run(() => RunOriginal("receive", original, count: texts.Length), TestContext.Current.CancellationToken);
        var decrypted = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<string>(line)).ToArray();
        Assert.Equal(texts, decrypted);
        Assert.Equal(0, await emulator.CountMessagesAsync(original));
    }

    private ChatSession StartSession(QueueNames queues)
    {
        var session = new ChatSession(new SqsMessageQueue(emulator.SqsEndpoint.CreateClient), queues, LegacyChannel.Create(new Pin(Pin)), TimeProvider.System, Serilog.Core.Logger.None);
        session.Start();
        return session;
    }

    private string RunOriginal(string mode, string queue, string? stdin = null, int? count = null)
    {
        string[] args = count is { } n ? [mode, Pin, queue, n.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [mode, Pin, queue];
        return PythonOracle.Run(
            Script,
            args,
            stdin,
            new Dictionary<string, string>
            {
                ["AWS_ENDPOINT_URL_SQS"] = emulator.Endpoint,
                ["AWS_ACCESS_KEY_ID"] = "interop",
                ["AWS_SECRET_ACCESS_KEY"] = "interop",
                ["AWS_DEFAULT_REGION"] = "us-east-1",
            },
            TimeSpan.FromSeconds(60));
    }
}

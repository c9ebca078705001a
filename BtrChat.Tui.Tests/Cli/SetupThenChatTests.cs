using BtrChat.Chat;
using BtrChat.Cli;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Cli;

/// <summary>From nothing to a chat on the emulator: setup twice, doctor on both generated configs, then the two chat.</summary>
public sealed class SetupThenChatTests(SqsEmulator emulator) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("btrchat-setup-chat-").FullName;
    private readonly string _me = "a" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _peer = "b" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task SetupTwice_DoctorPassesForBothSides_ThenTheyChatWithTheGeneratedConfigs()
    {
        var first = await SetupAsync();
        var second = await SetupAsync();
        Assert.Equal(ExitCodes.Ok, first.Code);
        Assert.Equal(ExitCodes.Ok, second.Code);
        Assert.Contains("Already set up: nothing changed.", second.Output, StringComparison.Ordinal);

        var aliceConfig = Path.Combine(_out, $"btrchat-{_me}.json");
        var bobConfig = Path.Combine(_out, $"btrchat-{_peer}.json");
        foreach (var (config, side) in new[] { (aliceConfig, "alice"), (bobConfig, "bob") })
        {
            var (code, report) = await DoctorAsync(config, side);
            Assert.True(code == ExitCodes.Ok, $"doctor for {side} exited {code}:\n{report}");
            Assert.DoesNotContain("FAIL", report, StringComparison.Ordinal);
        }

        await using var alice = Side.Start(ConfigLoader.Load(aliceConfig, LogOverride("alice")));
        await using var bob = Side.Start(ConfigLoader.Load(bobConfig, LogOverride("bob")));
        var sent = alice.Session.Send("hello through the generated queues");

        Assert.Equal("hello through the generated queues", (await bob.Sees.WaitForAsync<ChatEvent.PeerMessage>(timeout: TimeSpan.FromSeconds(30))).Text);
        await alice.Sees.WaitForAsync<ChatEvent.OwnMessageDelivered>(d => d.LocalId == sent, TimeSpan.FromSeconds(30));
        Assert.Equal(HandshakeState.Established, alice.Sees.OfType<ChatEvent.SecurityChanged>().Last().State);
    }

    private Dictionary<string, string?> LogOverride(string side) => new() { ["logFile"] = Path.Combine(_out, "logs-" + side, "btrchat.log") };

    private async Task<(int Code, string Output)> SetupAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SetupCommand.RunAsync(
            new SetupCommand.Request(_me, _peer, false, null, emulator.Endpoint, _out), output, error, TestContext.Current.CancellationToken);
        return (code, output + error.ToString());
    }

    private async Task<(int Code, string Report)> DoctorAsync(string config, string side)
    {
        using var output = new StringWriter();
        var code = await DoctorCommand.RunAsync(config, LogOverride(side), output, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }

    private sealed class Side : IAsyncDisposable
    {
        private readonly SqsMessageQueue _queue;

        private Side(ChatSettings settings)
        {
            _queue = new SqsMessageQueue(settings.Endpoint.CreateClient);
            Session = new ChatSession(
                _queue,
                settings.Queues,
                SecureChannels.Create(settings.Mode, new Pin("1234"), settings.Queues, HandshakePolicy.Default),
                TimeProvider.System,
                Serilog.Core.Logger.None);
            Sees = new EventRecorder(Session);
            Session.Start();
        }

        public ChatSession Session { get; }

        public EventRecorder Sees { get; }

        public static Side Start(ChatSettings settings) => new(settings);

        public async ValueTask DisposeAsync()
        {
            await Sees.DisposeAsync();
            await Session.DisposeAsync();
            _queue.Dispose();
        }
    }
}

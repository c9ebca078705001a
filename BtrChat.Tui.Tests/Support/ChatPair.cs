using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog;

namespace BtrChat.Tests.Support;

/// <summary>Alice and Bob: two sessions on two fresh queues of the emulator, each with a recording front end.</summary>
public sealed class ChatPair : IAsyncDisposable
{
    private readonly SqsEmulator _emulator;
    private readonly SecurityMode _mode;
    private readonly HandshakePolicy _policy;
    private readonly ILogger? _log;
    private readonly List<IAsyncDisposable> _owned = [];
    private Side? _bob;

    private ChatPair(SqsEmulator emulator, string aliceToBob, string bobToAlice, SecurityMode mode, HandshakePolicy policy, ILogger? log)
    {
        _emulator = emulator;
        AliceToBob = aliceToBob;
        BobToAlice = bobToAlice;
        _mode = mode;
        _policy = policy;
        _log = log;
    }

    public string AliceToBob { get; }

    public string BobToAlice { get; }

    public ChatSession Alice { get; private set; } = null!;

    public ChatSession Bob => _bob?.Session ?? throw new InvalidOperationException("Bob is not running");

    public EventRecorder AliceSees { get; private set; } = null!;

    public EventRecorder BobSees => _bob?.Sees ?? throw new InvalidOperationException("Bob is not running");

    public static async Task<ChatPair> StartAsync(
        SqsEmulator emulator,
        string alicePin = "1234",
        string bobPin = "1234",
        bool fifo = true,
        ILogger? log = null,
        bool aliceConfigBackwards = false,
        SecurityMode mode = SecurityMode.Legacy,
        HandshakePolicy? policy = null,
        bool startBob = true)
    {
        var pair = new ChatPair(
            emulator,
            await emulator.CreateQueueAsync("a2b", fifo),
            await emulator.CreateQueueAsync("b2a", fifo),
            mode,
            policy ?? HandshakePolicy.Default,
            log);
        var aliceQueues = new QueueNames(pair.AliceToBob, pair.BobToAlice);
        var alice = pair.Start(aliceConfigBackwards ? aliceQueues.Swapped() : aliceQueues, alicePin);
        pair._owned.Add(alice);
        pair.Alice = alice.Session;
        pair.AliceSees = alice.Sees;
        await alice.Sees.WaitForAsync<ChatEvent.ConnectionChanged>(c => c.Status.State == ConnectionState.Online);
        if (startBob)
        {
            await pair.StartBobAsync(bobPin);
        }

        return pair;
    }

    public async Task StartBobAsync(string pin = "1234")
    {
        _bob = Start(new QueueNames(BobToAlice, AliceToBob), pin);
        await _bob.Sees.WaitForAsync<ChatEvent.ConnectionChanged>(c => c.Status.State == ConnectionState.Online);
    }

    /// <summary>Ends Bob's process as an abrupt exit would, as far as the queues can tell: he simply stops reading.</summary>
    public async Task StopBobAsync()
    {
        if (_bob is { } bob)
        {
            _bob = null;
            await bob.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopBobAsync();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }

    private Side Start(QueueNames queues, string pin)
    {
        var queue = new SqsMessageQueue(_emulator.SqsEndpoint.CreateClient);
        var session = new ChatSession(queue, queues, SecureChannels.Create(_mode, new Pin(pin), queues, _policy), TimeProvider.System, _log ?? Serilog.Core.Logger.None);
        var sees = new EventRecorder(session);
        session.Start();
        return new Side(queue, session, sees);
    }

    private sealed record Side(SqsMessageQueue Queue, ChatSession Session, EventRecorder Sees) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Sees.DisposeAsync();
            await Session.DisposeAsync();
            Queue.Dispose();
        }
    }
}

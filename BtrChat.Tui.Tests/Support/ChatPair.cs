using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog;

namespace BtrChat.Tests.Support;

/// <summary>Alice and Bob: two sessions on two fresh queues of the emulator, each with a recording front end.</summary>
public sealed class ChatPair : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private ChatPair(string aliceToBob, string bobToAlice)
    {
        AliceToBob = aliceToBob;
        BobToAlice = bobToAlice;
    }

    public string AliceToBob { get; }

    public string BobToAlice { get; }

    public ChatSession Alice { get; private set; } = null!;

    public ChatSession Bob { get; private set; } = null!;

    public EventRecorder AliceSees { get; private set; } = null!;

    public EventRecorder BobSees { get; private set; } = null!;

    public static async Task<ChatPair> StartAsync(
        SqsEmulator emulator,
        string alicePin = "1234",
        string bobPin = "1234",
        bool fifo = true,
        ILogger? log = null,
        bool aliceConfigBackwards = false)
    {
        var pair = new ChatPair(await emulator.CreateQueueAsync("a2b", fifo), await emulator.CreateQueueAsync("b2a", fifo));
        var aliceQueues = new QueueNames(pair.AliceToBob, pair.BobToAlice);
        pair.Alice = pair.Start(emulator, aliceConfigBackwards ? aliceQueues.Swapped() : aliceQueues, alicePin, log);
        pair.Bob = pair.Start(emulator, new QueueNames(pair.BobToAlice, pair.AliceToBob), bobPin, log);
        pair.AliceSees = pair.Own(new EventRecorder(pair.Alice));
        pair.BobSees = pair.Own(new EventRecorder(pair.Bob));
        await pair.AliceSees.WaitForAsync<ChatEvent.ConnectionChanged>(c => c.Status.State == ConnectionState.Online);
        await pair.BobSees.WaitForAsync<ChatEvent.ConnectionChanged>(c => c.Status.State == ConnectionState.Online);
        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    private ChatSession Start(SqsEmulator emulator, QueueNames queues, string pin, ILogger? log)
    {
        var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
        var session = new ChatSession(queue, queues, LegacyChannel.Create(new Pin(pin)), TimeProvider.System, log ?? Serilog.Core.Logger.None);
        _owned.Add(new DisposeAction(() => queue.Dispose()));
        Own(session);
        session.Start();
        return session;
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private sealed class DisposeAction(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }
}

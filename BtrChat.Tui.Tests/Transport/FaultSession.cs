using System.Collections.Concurrent;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

/// <summary>
/// One side of a chat wired by hand to any endpoint (the shared emulator, or a <see cref="PrivateEmulator"/> a test
/// may kill), with a recording front end that also notes when each connection change arrived.
/// </summary>
internal sealed class FaultSession : IAsyncDisposable
{
    private readonly SqsMessageQueue _queue;
    private readonly ConcurrentQueue<(DateTimeOffset SeenAt, ConnectionStatus Status)> _connection = new();

    private FaultSession(SqsEndpoint endpoint, QueueNames queues, SecurityMode mode)
    {
        _queue = new SqsMessageQueue(endpoint.CreateClient);
        Session = new ChatSession(
            _queue,
            queues,
            SecureChannels.Create(mode, new Pin("1234"), queues, HandshakePolicy.Default),
            TimeProvider.System,
            Serilog.Core.Logger.None);
        Sees = new EventRecorder(Session, e =>
        {
            if (e is ChatEvent.ConnectionChanged changed)
            {
                _connection.Enqueue((DateTimeOffset.UtcNow, changed.Status));
            }
        });
        Session.Start();
    }

    public ChatSession Session { get; }

    public EventRecorder Sees { get; }

    /// <summary>Every connection change so far, in order, with the time the front end got it.</summary>
    public IReadOnlyList<(DateTimeOffset SeenAt, ConnectionStatus Status)> Connection => _connection.ToArray();

    public static async Task<FaultSession> StartAsync(SqsEndpoint endpoint, QueueNames queues, SecurityMode mode = SecurityMode.Legacy, bool waitOnline = true)
    {
        var side = new FaultSession(endpoint, queues, mode);
        if (waitOnline)
        {
            await side.Sees.WaitForAsync<ChatEvent.ConnectionChanged>(c => c.Status.State == ConnectionState.Online);
        }

        return side;
    }

    /// <summary>Waits until at least <paramref name="count"/> changes to <paramref name="state"/> arrived and returns them all.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset SeenAt, ConnectionStatus Status)>> WaitForStateAsync(ConnectionState state, int count, TimeSpan timeout)
    {
        await Sees.WaitForAsync<ChatEvent.ConnectionChanged>(_ => Connection.Count(c => c.Status.State == state) >= count, timeout);
        return Connection.Where(c => c.Status.State == state).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Sees.DisposeAsync();
        await Session.DisposeAsync();
        _queue.Dispose();
    }
}

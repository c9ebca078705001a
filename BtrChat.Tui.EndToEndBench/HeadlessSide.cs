using System.Diagnostics;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog;

namespace BtrChat.EndToEndBench;

/// <summary>
/// One person: the app's own <see cref="ChatSession"/> on its own SDK client, read through
/// <see cref="ChatEventPump"/> like the full-screen UI, with the UI replaced by a recorder. "Shown" is the moment
/// the pump hands an event to the front end; the pump then settles (deletes) it, as it does under the UI.
/// </summary>
public sealed class HeadlessSide : IAsyncDisposable
{
    private readonly SqsMessageQueue _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly Lock _gate = new();
    private readonly List<Arrival> _arrivals = [];
    private readonly List<string> _problems = [];
    private readonly TaskCompletionSource<long> _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waitingFor;
    private TaskCompletionSource<long>? _waiter;

    public HeadlessSide(string name, SqsEndpoint endpoint, QueueNames queues, string pin, ILogger log)
    {
        Name = name;
        _queue = new SqsMessageQueue(endpoint.CreateClient);
        Session = new ChatSession(
            _queue,
            queues,
            SecureChannels.Create(SecurityMode.Pin, new Pin(pin), queues, HandshakePolicy.Default),
            TimeProvider.System,
            log);
        _pump = ChatEventPump.RunAsync(Session, ShowAsync, _stop.Token);
        Session.Start();
    }

    public string Name { get; }

    public ChatSession Session { get; }

    /// <summary>Completes with the timestamp at which the handshake was shown as established.</summary>
    public Task<long> Established => _established.Task;

    public int ArrivalCount
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>Failures, rejections, gaps and stopped connections seen so far: a clean run has none.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_gate)
            {
                return _problems.ToArray();
            }
        }
    }

    public IReadOnlyList<Arrival> ArrivalsFrom(int index)
    {
        lock (_gate)
        {
            return _arrivals.Skip(index).ToArray();
        }
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the <paramref name="count"/>-th peer message was shown.</summary>
    public Task<long> ShownAsync(int count)
    {
        lock (_gate)
        {
            if (_arrivals.Count >= count)
            {
                return Task.FromResult(_arrivals[count - 1].Timestamp);
            }

            _waitingFor = count;
            _waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The session first: its exit still deletes what was shown, which the pump has already marked.
        await Session.DisposeAsync();
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
        _queue.Dispose();
    }

    private Task ShowAsync(IReadOnlyList<ChatEvent> batch)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var chatEvent in batch)
            {
                switch (chatEvent)
                {
                    case ChatEvent.PeerMessage message:
                        _arrivals.Add(new Arrival(message.Text, now));
                        break;
                    case ChatEvent.SecurityChanged { State: HandshakeState.Established }:
                        _established.TrySetResult(now);
                        break;
                    case ChatEvent.SecurityChanged { State: HandshakeState.Failed }:
                        _problems.Add("handshake failed");
                        _established.TrySetException(new InvalidOperationException($"{Name}: the handshake failed"));
                        break;
                    case ChatEvent.Rejected rejected:
                        _problems.Add($"rejected: {rejected.Reason}");
                        break;
                    case ChatEvent.Missing missing:
                        _problems.Add($"{missing.Count} missing");
                        break;
                    case ChatEvent.OwnMessageFailed failed:
                        _problems.Add($"send #{failed.LocalId} failed: {failed.Reason}");
                        break;
                    case ChatEvent.ConnectionChanged { Status.State: ConnectionState.Stopped or ConnectionState.Offline } changed:
                        _problems.Add($"connection {changed.Status.State}: {changed.Status.Detail}");
                        break;
                }
            }

            if (_waiter is { } waiter && _arrivals.Count >= _waitingFor)
            {
                _waiter = null;
                waiter.SetResult(_arrivals[_waitingFor - 1].Timestamp);
            }
        }

        return Task.CompletedTask;
    }

    public sealed record Arrival(string Text, long Timestamp);
}

using System.Collections.Concurrent;
using BtrChat.Chat;

namespace BtrChat.Tests.Support;

/// <summary>A headless front end for session tests: records every event the pump delivers and waits for the one a test expects.</summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<ChatEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;

    public EventRecorder(ChatSession session, Action<ChatEvent>? onEvent = null)
    {
        _pump = ChatEventPump.RunAsync(
            session,
            batch =>
            {
                foreach (var chatEvent in batch)
                {
                    _events.Enqueue(chatEvent);
                    onEvent?.Invoke(chatEvent);
                }

                _arrived.Release();
                return Task.CompletedTask;
            },
            _stop.Token);
    }

    public IReadOnlyList<ChatEvent> Events => _events.ToArray();

    public IEnumerable<T> OfType<T>() => _events.OfType<T>();

    public async Task<T> WaitForAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
        where T : ChatEvent
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultWait);
        while (true)
        {
            var found = _events.OfType<T>().FirstOrDefault(e => predicate?.Invoke(e) ?? true);
            if (found is not null)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} arrived; saw: {string.Join(", ", _events.Select(e => e.ToString()))}");
            }
        }
    }

    public async Task<IReadOnlyList<T>> WaitForCountAsync<T>(int count, TimeSpan? timeout = null)
        where T : ChatEvent
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultWait);
        while (_events.OfType<T>().Count() < count)
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {_events.OfType<T>().Count()} of {count} {typeof(T).Name}; saw: {string.Join(", ", _events.Select(e => e.ToString()))}");
            }
        }

        return _events.OfType<T>().ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
        _arrived.Dispose();
    }
}

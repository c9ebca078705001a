using System.Threading.Channels;
using Serilog;

namespace BtrChat.Transport;

/// <summary>
/// Long-polls one rx queue and writes what arrives into a channel. Two tokens: <c>stop</c> ends this
/// poller (a swap), <c>shutdown</c> ends the program. A receive already in flight when <c>stop</c> fires
/// is allowed to finish, and whatever it returns is released for the queue's next reader instead of lost.
/// </summary>
public sealed class QueuePoller(IMessageQueue queue, ILogger log, TimeProvider time)
{
    public async Task RunAsync(
        QueueInfo rx,
        ChannelWriter<ReceivedMessage> output,
        Func<ConnectionStatus, ValueTask> report,
        CancellationToken stop,
        CancellationToken shutdown)
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), Random.Shared);
        // The caller has just reached the endpoint, so only a recovery after a failure is news.
        var wasOnline = true;
        while (!stop.IsCancellationRequested && !shutdown.IsCancellationRequested)
        {
            IReadOnlyList<ReceivedMessage> batch;
            try
            {
                batch = await queue.ReceiveAsync(rx, shutdown);
            }
            catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var failure = SqsFailure.From(e, rx.Name);
                wasOnline = false;
                if (failure.IsFatal)
                {
                    log.Error("Receive from {Queue} stopped: {Reason}", rx.Name, failure.Message);
                    await report(new ConnectionStatus(ConnectionState.Stopped, failure.Message));
                    return;
                }

                var delay = backoff.Next();
                log.Warning(e, "Receive from {Queue} failed ({Reason}); retrying in {Delay}", rx.Name, failure.Message, delay);
                await report(new ConnectionStatus(ConnectionState.Offline, failure.Message, time.GetUtcNow() + delay));
                if (!await DelayAsync(delay, stop, shutdown))
                {
                    return;
                }

                continue;
            }

            backoff.Reset();
            if (!wasOnline)
            {
                wasOnline = true;
                await report(ConnectionStatus.Online);
            }

            if (stop.IsCancellationRequested)
            {
                await ReleaseAsync(batch, shutdown);
                return;
            }

            log.Debug("Received {Count} message(s) from {Queue}", batch.Count, rx.Name);
            foreach (var message in batch)
            {
                await output.WriteAsync(message, shutdown);
            }
        }
    }

    private async Task ReleaseAsync(IReadOnlyList<ReceivedMessage> batch, CancellationToken shutdown)
    {
        foreach (var message in batch)
        {
            try
            {
                await queue.ReleaseAsync(message.Handle, shutdown);
                log.Debug("Released message {MessageId} received after a swap", message.Handle.MessageId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.Warning(e, "Could not release message {MessageId}; it reappears after its visibility timeout", message.Handle.MessageId);
            }
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop, CancellationToken shutdown)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop, shutdown);
        try
        {
            await Task.Delay(delay, time, either.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

using System.Threading.Channels;
using Serilog;

namespace BtrChat.Transport;

/// <summary>
/// Long-polls one rx queue and writes what arrives into a channel. Two tokens: <c>stop</c> ends this
/// poller (a swap), <c>shutdown</c> ends the program. A receive already in flight when <c>stop</c> fires
/// is allowed to finish, and whatever it returns is released for the queue's next reader instead of lost.
/// A transient failure is retried after a capped, jittered exponential backoff; the retry is a quick request, so
/// "online" is reported as soon as the endpoint answers rather than when the next long poll returns. A fatal
/// failure (missing queue, no permission) is reported once and ends the poller: no retries.
/// </summary>
public sealed class QueuePoller(IMessageQueue queue, ILogger log, TimeProvider time)
{
    /// <summary>Work items that may go ahead of the next receive: the session's two hops to the screen, and room for others.</summary>
    private const int MaxYieldsBeforeReceive = 4;

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
                if (!wasOnline)
                {
                    // The retry: a quick request first. A long poll that succeeds only returns when a message comes or
                    // the poll time ends, and until then the status bar would still say "offline" (for up to 20 s).
                    // The backoff is reset only by a receive, so an endpoint that answers this but fails every
                    // receive is still retried less and less often.
                    await queue.ResolveAsync(rx.Name, shutdown);
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    wasOnline = true;
                    log.Information("Receive from {Queue}: the endpoint answers again", rx.Name);
                    await report(ConnectionStatus.Online);
                }

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

            // A full batch: more are probably waiting, so a burst keeps receiving at once.
            if (batch.Count is > 0 and < SqsMessageQueue.MaxMessagesPerReceive)
            {
                await LetQueuedWorkGoFirstAsync();
            }
        }
    }

    /// <summary>
    /// Starting a receive costs about 0.25 ms of CPU before the request is on the wire (the SDK marshals, signs and
    /// writes it). Started at once, it ran on this thread ahead of the work the write had just queued (the session
    /// opening the message, then the front end being handed it), and with the pool's other threads asleep every
    /// message waited for it: some 40% of what the chat added to the SDK's own one-way latency. Nothing waits on
    /// the next receive meanwhile: a message that arrives before it is parked stays in the queue, and it returns
    /// that at once.
    /// Each yield queues this loop behind the work already queued; a few at most, so a pool that is never idle
    /// cannot hold up receiving.
    /// </summary>
    private static async Task LetQueuedWorkGoFirstAsync()
    {
        for (var i = 0; i < MaxYieldsBeforeReceive && ThreadPool.PendingWorkItemCount > 0; i++)
        {
            await Task.Yield();
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

using System.Text;
using System.Threading.Channels;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog;

namespace BtrChat.Chat;

/// <summary>
/// Ties the pipeline together: queue poller → inbound channel → secure channel → event channel → front end,
/// and front end → outbound channel → secure channel → tx queue. The front end (full-screen UI or the headless
/// echo peer) only calls <see cref="Send"/>, <see cref="SwapQueues"/>, <see cref="ChangePin"/> and reads
/// <see cref="Events"/> through <see cref="ChatEventPump"/>, which settles each message after it was shown.
/// </summary>
public sealed class ChatSession : IAsyncDisposable
{
    private static readonly TimeSpan SettleOnExitTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    private readonly IMessageQueue _queue;
    private readonly ISecureChannel _channel;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly QueuePoller _poller;
    private readonly Channel<ReceivedMessage> _inbound = Channel.CreateBounded<ReceivedMessage>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly Channel<ChatEvent> _events = Channel.CreateBounded<ChatEvent>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly Channel<Outgoing> _outbound = Channel.CreateUnbounded<Outgoing>(new() { SingleReader = true });
    private readonly Channel<MessageHandle> _settle = Channel.CreateUnbounded<MessageHandle>(new() { SingleReader = true });
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationTokenSource _settleAbort = new();
    private readonly Lock _gate = new();
    /// <summary>
    /// One caller at a time works the secure channel and carries out what it produced, so outputs are handled in
    /// the order they were made (a released gap before a later message; frames queued before anything is sealed).
    /// Only background tasks wait on it: the UI thread hands its channel work to a task.
    /// </summary>
    private readonly SemaphoreSlim _channelGate = new(1, 1);
    private readonly List<Task> _loops = [];

    /// <summary>Messages the front end has shown, for the channel's next receipt (receipts go out on the tick).</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<MessagePosition> _shownPositions = new();

    private QueueNames _names;
    private QueueBinding? _binding;
    private TaskCompletionSource<QueueBinding> _bindingReady = NewBindingSignal();
    private CancellationTokenSource _pollStop = new();
    private readonly Outbox _outbox;
    private readonly RetryBackoff _sendBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), Random.Shared);
    private long _nextLocalId;
    private int _framesQueued;
    private int _receivingStopped;

    public ChatSession(IMessageQueue queue, QueueNames names, ISecureChannel channel, TimeProvider time, ILogger log, OutboxPolicy? outboxPolicy = null)
    {
        _queue = queue;
        _names = names;
        _channel = channel;
        _time = time;
        _log = log;
        _poller = new QueuePoller(queue, log, time);
        _outbox = new Outbox(outboxPolicy ?? OutboxPolicy.Default, channel.Acknowledges);
    }

    public ChannelReader<ChatEvent> Events => _events.Reader;

    public SecurityMode Mode => _channel.Mode;

    public QueueNames Queues
    {
        get
        {
            lock (_gate)
            {
                return _names;
            }
        }
    }

    public void Start()
    {
        CancellationToken pollStop;
        lock (_gate)
        {
            pollStop = _pollStop.Token;
        }

        _loops.Add(Task.Run(() => ConnectAndPollAsync(null, pollStop)));
        _loops.Add(Task.Run(OpenLoopAsync));
        _loops.Add(Task.Run(SendLoopAsync));
        _loops.Add(Task.Run(SettleLoopAsync));
        _loops.Add(Task.Run(TickLoopAsync));
        _loops.Add(Task.Run(() => RunChannelAsync(c => c.Start(_time.GetUtcNow()))));
    }

    /// <summary>
    /// Puts <paramref name="text"/> in the outbox, behind everything typed before it, and returns the id its state
    /// events will carry. It goes out as soon as the queues, the session and any earlier message allow.
    /// </summary>
    public long Send(string text)
    {
        var id = Interlocked.Increment(ref _nextLocalId);
        _outbound.Writer.TryWrite(new Outgoing.Text(id, Guid.NewGuid(), text));
        return id;
    }

    /// <summary>Sends the failed messages again, and starts receiving again if a fatal error had stopped it.</summary>
    public void RetryFailed()
    {
        _log.Information("Retry asked by the user");
        _outbound.Writer.TryWrite(new Outgoing.Retry());
        if (Interlocked.Exchange(ref _receivingStopped, 0) == 1)
        {
            CancellationToken pollStop;
            lock (_gate)
            {
                pollStop = _pollStop.Token;
            }

            _loops.Add(Task.Run(() => ConnectAndPollAsync(null, pollStop)));
        }
    }

    /// <summary>Exchanges tx and rx, re-binding the poller and the sender without losing anything pending.</summary>
    public void SwapQueues()
    {
        QueueBinding? swapped;
        CancellationToken pollStop;
        QueueNames names;
        lock (_gate)
        {
            _pollStop.Cancel();
            _pollStop.Dispose();
            _pollStop = new CancellationTokenSource();
            pollStop = _pollStop.Token;
            _names = names = _names.Swapped();
            swapped = _binding?.Swapped();
            _binding = swapped;
            if (swapped is null)
            {
                _bindingReady.TrySetCanceled();
                _bindingReady = NewBindingSignal();
            }
            else
            {
                _bindingReady = NewBindingSignal();
                _bindingReady.SetResult(swapped);
            }
        }

        _log.Information("Queues swapped by the user");
        _outbound.Writer.TryWrite(new Outgoing.Control(new ChatEvent.QueuesChanged(names), c => c.Rebind(new QueuePair(names.Tx, names.Rx), _time.GetUtcNow())));
        _loops.Add(Task.Run(() => ConnectAndPollAsync(swapped, pollStop)));
    }

    /// <summary>PIN re-entry: legacy mode seals with the new PIN at once; the secure modes start a new handshake.</summary>
    public void ChangePin(Pin pin)
    {
        _log.Information("PIN re-entered by the user");
        _outbound.Writer.TryWrite(new Outgoing.Control(new ChatEvent.Notice(Notices.PinChanged(Mode)), c => c.ChangePin(pin, _time.GetUtcNow())));
    }

    /// <summary>
    /// /check: how many messages wait in the tx queue (<paramref name="tx"/>: not yet taken by the peer) or the rx queue
    /// (not yet taken or settled here), asked now; null while the queues are not resolved. A failure throws, as from the queue.
    /// </summary>
    public async Task<QueueDepth?> CountWaitingAsync(bool tx, CancellationToken cancellationToken) =>
        CurrentBinding() is { } binding ? await _queue.CountAsync(tx ? binding.Tx : binding.Rx, cancellationToken) : null;

    /// <summary>Called by <see cref="ChatEventPump"/> once the front end has shown an event: its queue message can go.</summary>
    internal void MarkShown(ChatEvent shown)
    {
        if (shown.Handle is { } handle)
        {
            _settle.Writer.TryWrite(handle);
        }

        if (shown is ChatEvent.PeerMessage { Position: { } position })
        {
            _shownPositions.Enqueue(position);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbound.Writer.TryComplete();
        await _shutdown.CancelAsync();
        lock (_gate)
        {
            _pollStop.Cancel();
        }

        // Deletes of messages already shown still go out, briefly: otherwise the next start shows them again.
        _settle.Writer.TryComplete();
        _settleAbort.CancelAfter(SettleOnExitTimeout);
        try
        {
            await Task.WhenAll(_loops.ToArray()).WaitAsync(SettleOnExitTimeout + TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            _log.Debug("Session loops ended by cancellation");
        }

        _events.Writer.TryComplete();
        _channel.Dispose();
        _channelGate.Dispose();
        _shutdown.Dispose();
        _settleAbort.Dispose();
        _pollStop.Dispose();
    }

    private Task RunChannelAsync(Func<ISecureChannel, IReadOnlyList<ChannelOutput>> call) =>
        UnderChannelGateAsync(() => HandleAsync(call(_channel)));

    private Task WithOutboxAsync(Func<Outbox, IReadOnlyList<OwnMessageUpdate>> change) =>
        UnderChannelGateAsync(() => EmitAsync(change(_outbox)).AsTask());

    private async Task UnderChannelGateAsync(Func<Task> work)
    {
        await _channelGate.WaitAsync(_shutdown.Token);
        try
        {
            await work();
        }
        finally
        {
            _channelGate.Release();
        }
    }

    /// <summary>Carries out what the secure channel produced: show, settle, send, log.</summary>
    private async Task HandleAsync(IReadOnlyList<ChannelOutput> outputs)
    {
        foreach (var output in outputs)
        {
            switch (output)
            {
                case ChannelOutput.Message message:
                    var received = message.Tag as MessageHandle;
                    _log.Information("Message {MessageId} from peer accepted ({Length} chars)", received?.MessageId, message.Text.Length);
                    await EmitAsync(new ChatEvent.PeerMessage(message.Text, message.SentAt, received) { Fills = message.Fills, Position = message.Position });
                    break;
                case ChannelOutput.Rejected rejected:
                    _log.Warning("Message {MessageId} rejected: {Reason}", (rejected.Tag as MessageHandle)?.MessageId, rejected.Reason);
                    await EmitAsync(new ChatEvent.Rejected(rejected.Reason, rejected.Tag as MessageHandle));
                    break;
                case ChannelOutput.Consumed { Tag: MessageHandle handle }:
                    _settle.Writer.TryWrite(handle);
                    break;
                case ChannelOutput.Notice notice:
                    _log.Information("Security notice: {Notice}", notice.Loggable);
                    await EmitAsync(new ChatEvent.Notice(notice.Text));
                    break;
                case ChannelOutput.Missing missing:
                    _log.Warning("{Count} message(s) from the peer missing", missing.Count);
                    await EmitAsync(new ChatEvent.Missing(missing.Count, missing.Gap));
                    break;
                case ChannelOutput.Send send:
                    Interlocked.Increment(ref _framesQueued);
                    _outbound.Writer.TryWrite(new Outgoing.Frame(send.Body));
                    break;
                case ChannelOutput.Security security:
                    _log.Information("Handshake state {State}", security.State);
                    _outbound.Writer.TryWrite(new Outgoing.Wake());
                    await EmitAsync(new ChatEvent.SecurityChanged(security.State, security.SafetyCode));
                    break;
                case ChannelOutput.Delivered delivered:
                    await EmitAsync(_outbox.Delivered(delivered.LocalIds, _time.GetUtcNow()));
                    break;
                case ChannelOutput.SessionStarted:
                    await EmitAsync(_outbox.SessionReplaced());
                    _outbound.Writer.TryWrite(new Outgoing.Wake());
                    break;
                case ChannelOutput.Log log:
                    _log.Debug("Channel: {Detail}", log.Text);
                    break;
            }
        }
    }

    private async Task ConnectAndPollAsync(QueueBinding? binding, CancellationToken pollStop)
    {
        try
        {
            binding ??= await ResolveAsync(pollStop);
            if (binding is null)
            {
                return;
            }

            await _poller.RunAsync(binding.Rx, _inbound.Writer, ReportAsync, pollStop, _shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            // Swap or shutdown.
        }
        catch (Exception e)
        {
            _log.Error(e, "Poller failed");
            await EmitAsync(new ChatEvent.ConnectionChanged(new ConnectionStatus(ConnectionState.Stopped, "receiving stopped after an internal error")));
        }
    }

    private async Task<QueueBinding?> ResolveAsync(CancellationToken pollStop)
    {
        var names = Queues;
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), Random.Shared);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(pollStop, _shutdown.Token);
        await ReportAsync(ConnectionStatus.Connecting);
        while (!either.IsCancellationRequested)
        {
            var current = names.Tx;
            try
            {
                var tx = await _queue.ResolveAsync(names.Tx, either.Token);
                current = names.Rx;
                var rx = await _queue.ResolveAsync(names.Rx, either.Token);
                var binding = new QueueBinding(tx, rx);
                _log.Information("Resolved queues tx={Tx} (fifo={TxFifo}) rx={Rx} (fifo={RxFifo})", tx.Name, tx.IsFifo, rx.Name, rx.IsFifo);
                lock (_gate)
                {
                    if (pollStop.IsCancellationRequested)
                    {
                        return null;
                    }

                    _binding = binding;
                    _bindingReady.TrySetResult(binding);
                }

                await ReportAsync(ConnectionStatus.Online);
                return binding;
            }
            catch (OperationCanceledException) when (either.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e)
            {
                var failure = SqsFailure.From(e, current);
                if (failure.IsFatal)
                {
                    _log.Error("Cannot use queue {Queue}: {Reason}", current, failure.Message);
                    await ReportAsync(new ConnectionStatus(ConnectionState.Stopped, failure.Message));
                    return null;
                }

                var delay = backoff.Next();
                _log.Warning(e, "Resolving {Queue} failed ({Reason}); retrying in {Delay}", current, failure.Message, delay);
                await ReportAsync(new ConnectionStatus(ConnectionState.Offline, failure.Message, _time.GetUtcNow() + delay));
                try
                {
                    await Task.Delay(delay, _time, either.Token);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    private async Task OpenLoopAsync()
    {
        try
        {
            await foreach (var received in _inbound.Reader.ReadAllAsync(_shutdown.Token))
            {
                try
                {
                    await RunChannelAsync(c => c.Open(received.Body, received.Handle, _time.GetUtcNow()));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Open promises outputs, never exceptions; should a defect break that promise, one message is
                    // lost with a notice, not every later one. The exception's type and trace name no content.
                    _log.Error("Opening message {MessageId} failed ({Exception}) {Trace}", received.Handle.MessageId, e.GetType().Name, e.StackTrace);
                    _settle.Writer.TryWrite(received.Handle);
                    await EmitAsync(new ChatEvent.Rejected(RejectReason.Unreadable, received.Handle));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    private async Task TickLoopAsync()
    {
        using var timer = new PeriodicTimer(TickInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token))
            {
                await RunChannelAsync(c =>
                {
                    var now = _time.GetUtcNow();
                    while (_shownPositions.TryDequeue(out var position))
                    {
                        c.Shown(position);
                    }

                    if (_outbox.NextDue() <= now)
                    {
                        _outbound.Writer.TryWrite(new Outgoing.Wake());
                    }

                    return c.Tick(now);
                });
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    /// <summary>
    /// Sends protocol frames at once and the user's messages through the outbox, in the order typed, each as soon as
    /// the channel can seal it: text typed before the handshake completes, or while SQS is unreachable, waits there.
    /// Whatever accumulated while the previous request was in flight goes out together in one SendMessageBatch;
    /// nothing is ever held back to fill a batch. The tick loop wakes this one when a retry or resend falls due.
    /// </summary>
    private async Task SendLoopAsync()
    {
        var batch = new OutgoingBatch();
        try
        {
            while (await _outbound.Reader.WaitToReadAsync(_shutdown.Token))
            {
                while (_outbound.Reader.TryRead(out var outgoing))
                {
                    switch (outgoing)
                    {
                        case Outgoing.Frame frame:
                            Interlocked.Decrement(ref _framesQueued);
                            await AddToBatchAsync(batch, frame.Body, null);
                            break;
                        case Outgoing.Text text:
                            await AddToOutboxAsync(text);
                            break;
                        case Outgoing.Retry:
                            await WithOutboxAsync(outbox => outbox.RetryFailed());
                            break;
                        case Outgoing.Reconnected:
                            await WithOutboxAsync(outbox =>
                            {
                                outbox.RetryNow();
                                return [];
                            });
                            break;

                        // Messages typed before a change go out first, sealed for the session they were typed in; the
                        // new session seals again whatever the old one's peer has not acknowledged.
                        case Outgoing.Control control:
                            await DispatchReadyAsync(batch);
                            await FlushAsync(batch);
                            await EmitAsync(control.Announce);
                            await RunChannelAsync(control.Change);
                            break;
                    }
                }

                await DispatchReadyAsync(batch);
                await FlushAsync(batch);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    private async Task AddToOutboxAsync(Outgoing.Text text)
    {
        if (Encoding.UTF8.GetByteCount(text.Body) is var size && size > _channel.MaxTextBytes)
        {
            await EmitAsync(new ChatEvent.OwnMessageFailed(text.Id, $"too long: {size} bytes, the limit is {_channel.MaxTextBytes}", CanRetry: false));
            return;
        }

        await WithOutboxAsync(outbox =>
        {
            outbox.Add(text.Id, text.MessageId, text.Body);
            return [];
        });
    }

    /// <summary>Moves what the outbox has ready into the batch: first sends (sealed now) and resends that are due.</summary>
    private async Task DispatchReadyAsync(OutgoingBatch batch)
    {
        IReadOnlyList<Outbox.Dispatch> ready = [];
        await WithOutboxAsync(outbox =>
        {
            var binding = CurrentBinding();
            var now = _time.GetUtcNow();
            (ready, var updates) = outbox.TakeReady(now, entry => Seal(entry, binding, now));
            return updates;
        });

        foreach (var dispatch in ready)
        {
            await AddToBatchAsync(batch, dispatch.Body, dispatch);
        }
    }

    /// <summary>
    /// Seals once the queues are known and no handshake frame is still queued: the frames the channel made before it
    /// could seal (our confirm) must reach the peer before the first token, or an ordered queue holds the token in
    /// front of the confirm the peer needs to open it. A message whose body the tx queue could not take is refused
    /// before it is sealed, so it uses up no sequence number.
    /// </summary>
    private Sealing Seal(OutboxEntry entry, QueueBinding? binding, DateTimeOffset now)
    {
        if (binding is null || Volatile.Read(ref _framesQueued) > 0)
        {
            return Sealing.NotYet;
        }

        var length = _channel.SealedLength(Encoding.UTF8.GetByteCount(entry.Text));
        if (length > binding.Tx.MaximumMessageSize)
        {
            return Sealing.Refused(SqsFailure.TooLarge(binding.Tx.Name, length, binding.Tx.MaximumMessageSize).Message);
        }

        return _channel.Seal(entry.Text, now, entry.LocalId, entry.MessageId) is { } body ? Sealing.Sealed(body) : Sealing.NotYet;
    }

    private async Task AddToBatchAsync(OutgoingBatch batch, string body, Outbox.Dispatch? dispatch)
    {
        if (!batch.Fits(body))
        {
            await FlushAsync(batch);
        }

        batch.Add(body, dispatch);
    }

    private async Task FlushAsync(OutgoingBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var binding = await WaitForBindingAsync();
        IReadOnlyList<SqsFailure?> outcomes;
        try
        {
            outcomes = await _queue.SendBatchAsync(binding.Tx, batch.Bodies, _shutdown.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_shutdown.IsCancellationRequested)
        {
            var failure = SqsFailure.From(e, binding.Tx.Name);
            _log.Warning(e, "Send to {Queue} failed: {Reason}", binding.Tx.Name, failure.Message);
            outcomes = Enumerable.Repeat<SqsFailure?>(failure, batch.Count).ToArray();
        }

        _log.Debug("Sent a batch of {Count} to {Queue}", batch.Count, binding.Tx.Name);
        var dispatches = batch.Dispatches.ToArray();
        batch.Clear();
        await WithOutboxAsync(outbox => Settle(outbox, binding, dispatches, outcomes));
    }

    private List<OwnMessageUpdate> Settle(Outbox outbox, QueueBinding binding, Outbox.Dispatch?[] dispatches, IReadOnlyList<SqsFailure?> outcomes)
    {
        var now = _time.GetUtcNow();
        var updates = new List<OwnMessageUpdate>();
        var anyTransient = false;
        for (var i = 0; i < dispatches.Length; i++)
        {
            switch (dispatches[i], outcomes[i])
            {
                case (null, { } frameFailure):
                    _log.Warning("Handshake frame to {Queue} not sent: {Reason}", binding.Tx.Name, frameFailure.Message);
                    break;
                case ({ } dispatch, null):
                    _log.Information(
                        dispatch.IsResend ? "Message {LocalId} resent to {Queue}" : "Message {LocalId} sent to {Queue}", dispatch.LocalId, binding.Tx.Name);
                    updates.AddRange(outbox.Accepted(dispatch, now));
                    break;
                case ({ } dispatch, { IsFatal: true } fatal):
                    updates.AddRange(outbox.Refused(dispatch, fatal.Message, retryAt: null));
                    break;
                case ({ } dispatch, { } transient):
                    anyTransient = true;
                    _log.Warning("Message {LocalId} not sent yet: {Reason}", dispatch.LocalId, transient.Message);
                    updates.AddRange(outbox.Refused(dispatch, transient.Message, retryAt: now + _sendBackoff.Next()));
                    break;
            }
        }

        if (!anyTransient)
        {
            _sendBackoff.Reset();
        }

        return updates;
    }

    private QueueBinding? CurrentBinding()
    {
        lock (_gate)
        {
            return _binding;
        }
    }

    private async Task<QueueBinding> WaitForBindingAsync()
    {
        while (true)
        {
            Task<QueueBinding> ready;
            lock (_gate)
            {
                ready = _bindingReady.Task;
            }

            try
            {
                return await ready.WaitAsync(_shutdown.Token);
            }
            catch (TaskCanceledException) when (!_shutdown.IsCancellationRequested)
            {
                // A swap replaced the signal before the queues were resolved: wait on the new one.
            }
        }
    }

    /// <summary>
    /// Deletes settled messages, as many per DeleteMessageBatch as have accumulated (grouped by queue, since a
    /// swap can leave messages of the old rx queue to settle).
    /// </summary>
    private async Task SettleLoopAsync()
    {
        var pending = new List<MessageHandle>();
        try
        {
            while (await _settle.Reader.WaitToReadAsync(_settleAbort.Token))
            {
                while (_settle.Reader.TryRead(out var handle))
                {
                    pending.Add(handle);
                }

                foreach (var queue in pending.GroupBy(h => h.QueueUrl))
                {
                    foreach (var chunk in queue.Chunk(SqsMessageQueue.MaxBatchEntries))
                    {
                        await DeleteAsync(chunk);
                    }
                }

                pending.Clear();
            }
        }
        catch (OperationCanceledException)
        {
            _log.Warning("Exit came before every shown message was deleted; those may be shown again next time");
        }
    }

    private async Task DeleteAsync(IReadOnlyList<MessageHandle> handles)
    {
        try
        {
            foreach (var failed in await _queue.DeleteBatchAsync(handles, _settleAbort.Token))
            {
                _log.Warning("Could not delete message {MessageId}; SQS will deliver it again", failed.MessageId);
            }

            _log.Debug("Deleted {Count} message(s)", handles.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.Warning(e, "Could not delete {Count} message(s); SQS will deliver them again", handles.Count);
        }
    }

    private ValueTask ReportAsync(ConnectionStatus status)
    {
        switch (status.State)
        {
            case ConnectionState.Online:
                _outbound.Writer.TryWrite(new Outgoing.Reconnected());
                break;
            case ConnectionState.Stopped:
                Volatile.Write(ref _receivingStopped, 1);
                break;
        }

        return EmitAsync(new ChatEvent.ConnectionChanged(status));
    }

    private async ValueTask EmitAsync(IReadOnlyList<OwnMessageUpdate> updates)
    {
        foreach (var update in updates)
        {
            if (update.State == OwnMessageState.Failed)
            {
                _log.Warning("Message {LocalId} not sent: {Reason}", update.LocalId, update.Reason);
            }

            await EmitAsync(update.State switch
            {
                OwnMessageState.Pending => new ChatEvent.OwnMessagePending(update.LocalId),
                OwnMessageState.Sent => new ChatEvent.OwnMessageSent(update.LocalId),
                OwnMessageState.Delivered => new ChatEvent.OwnMessageDelivered(update.LocalId),
                _ => new ChatEvent.OwnMessageFailed(update.LocalId, update.Reason ?? "refused", CanRetry: !update.Final),
            });
        }
    }

    private async ValueTask EmitAsync(ChatEvent chatEvent)
    {
        try
        {
            await _events.Writer.WriteAsync(chatEvent, _shutdown.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // Shutting down: nobody is reading any more.
        }
    }

    private static TaskCompletionSource<QueueBinding> NewBindingSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private abstract record Outgoing
    {
        public sealed record Text(long Id, Guid MessageId, string Body) : Outgoing;

        /// <summary>The user asked to send the failed messages again.</summary>
        public sealed record Retry : Outgoing;

        /// <summary>The endpoint answers again: a send backoff need not run out.</summary>
        public sealed record Reconnected : Outgoing;

        public sealed record Frame(string Body) : Outgoing;

        /// <summary>The channel may be able to seal now: try the waiting texts again.</summary>
        public sealed record Wake : Outgoing;

        /// <summary>A change to the channel the user asked for, announced in the history, in order with the texts.</summary>
        public sealed record Control(ChatEvent Announce, Func<ISecureChannel, IReadOnlyList<ChannelOutput>> Change) : Outgoing;
    }
}

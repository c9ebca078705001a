using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Tests.Support;

/// <summary>
/// The other side of a pin-mode conversation, moved step by step by a test: a pure <see cref="PinChannel"/> and an
/// SDK client, with no session, poller or retry between the test and the queues. It can behave (handshake, seal,
/// read) or attack (send raw bodies, replay what it sent, reflect what it read, restart as a new session, guess
/// another PIN). Its tx is the victim's rx and the other way round: the handshake binds both names.
/// </summary>
/// <remarks>
/// Polls are short and never cancelled: the emulator hands a message to a long poll whose request was
/// cancelled, and then nobody sees it until its visibility timeout. Not thread-safe: one test drives it.
/// </remarks>
public sealed class ScriptedPeer : IDisposable
{
    private const int PollSeconds = 1;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly IAmazonSQS _sqs;
    private readonly QueuePair _queues;
    private readonly string _txUrl;
    private readonly string _rxUrl;
    private readonly string _pin;
    private readonly HandshakePolicy _policy;
    private readonly List<string> _sent = [];
    private readonly List<string> _received = [];
    private readonly List<string> _texts = [];
    private readonly List<string> _notices = [];
    private PinChannel _channel;

    private ScriptedPeer(IAmazonSQS sqs, QueuePair queues, string txUrl, string rxUrl, string pin, HandshakePolicy policy)
    {
        _sqs = sqs;
        _queues = queues;
        _txUrl = txUrl;
        _rxUrl = rxUrl;
        _pin = pin;
        _policy = policy;
        _channel = NewChannel(pin);
    }

    public string Tx => _queues.Tx;

    public string Rx => _queues.Rx;

    /// <summary>The current process's channel; <see cref="Restart"/> replaces it.</summary>
    public PinChannel Channel => _channel;

    /// <summary>The session id of the current channel's hello, once <see cref="StartAsync"/> sent it.</summary>
    public SessionId? Session { get; private set; }

    /// <summary>Every body this peer put into its tx queue, in order, whatever produced it.</summary>
    public IReadOnlyList<string> Sent => _sent;

    /// <summary>Every body this peer took out of its rx queue, in order.</summary>
    public IReadOnlyList<string> Received => _received;

    /// <summary>The texts its channels opened from the victim, in the order shown.</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>The security notices its channels produced.</summary>
    public IReadOnlyList<string> Notices => _notices;

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <param name="tx">The victim's rx queue.</param>
    /// <param name="rx">The victim's tx queue.</param>
    public static async Task<ScriptedPeer> ConnectAsync(
        SqsEmulator emulator,
        string tx,
        string rx,
        string pin = "1234",
        HandshakePolicy? policy = null)
    {
        var sqs = emulator.CreateClient();
        try
        {
            var txUrl = (await sqs.GetQueueUrlAsync(tx, CancellationToken.None)).QueueUrl;
            var rxUrl = (await sqs.GetQueueUrlAsync(rx, CancellationToken.None)).QueueUrl;
            return new ScriptedPeer(sqs, new QueuePair(tx, rx), txUrl, rxUrl, pin, policy ?? HandshakePolicy.Default);
        }
        catch
        {
            sqs.Dispose();
            throw;
        }
    }

    /// <summary>The hello or confirm a cleartext body carries, or null for anything else.</summary>
    public static Envelope? HandshakeFrame(string body) =>
        WireBody.TryDecodeCleartext(body, out var frame, out _) ? frame : null;

    /// <summary>A detached channel on this peer's queues: another process of the peer, or an attacker guessing <paramref name="pin"/>.</summary>
    public PinChannel NewChannel(string? pin = null) => PinChannel.ForPin(new Pin(pin ?? _pin), _queues, _policy);

    /// <summary>The peer's process restarts: a fresh channel with a new session id; <see cref="StartAsync"/> announces it.</summary>
    public void Restart(string? pin = null)
    {
        _channel.Dispose();
        _channel = NewChannel(pin);
        Session = null;
    }

    /// <summary>Sends the current channel's first hello.</summary>
    public Task StartAsync() => HandleAsync(_channel.Start(Now));

    /// <summary>Reads, opens and answers until the current channel has a session.</summary>
    public Task PumpUntilEstablishedAsync(TimeSpan? timeout = null) =>
        PumpUntilAsync(() => _channel.CanSeal, "the handshake did not complete", timeout);

    /// <summary>Reads, opens and answers until the victim's <paramref name="text"/> has been opened.</summary>
    public Task WaitForTextAsync(string text, TimeSpan? timeout = null) =>
        PumpUntilAsync(() => _texts.Contains(text), $"\"{text}\" did not arrive", timeout);

    public string Seal(string text) =>
        _channel.Seal(text, Now) ?? throw new InvalidOperationException("The scripted peer has no session to seal with.");

    /// <summary>Seals and sends <paramref name="text"/>; returns the token, for replays.</summary>
    public async Task<string> SendTextAsync(string text)
    {
        var body = Seal(text);
        await SendRawAsync(body);
        return body;
    }

    /// <summary>Puts <paramref name="body"/> into the victim's rx queue as it is.</summary>
    public async Task SendRawAsync(string body)
    {
        var request = new SendMessageRequest { QueueUrl = _txUrl, MessageBody = body };
        if (Tx.EndsWith(".fifo", StringComparison.Ordinal))
        {
            // A fresh id per send, so that a body sent twice is delivered twice.
            request.MessageGroupId = SqsMessageQueue.MessageGroupId;
            request.MessageDeduplicationId = Guid.NewGuid().ToString("N");
        }

        await _sqs.SendMessageAsync(request, CancellationToken.None);
        _sent.Add(body);
    }

    /// <summary>Takes everything out of the rx queue without opening it: the victim's raw bodies.</summary>
    public async Task<IReadOnlyList<string>> DrainBodiesAsync()
    {
        var bodies = new List<string>();
        while (await ReceiveAsync() is { Count: > 0 } batch)
        {
            bodies.AddRange(batch);
        }

        return bodies;
    }

    /// <summary>
    /// Reads the rx queue, without opening or answering anything, until the victim's confirm addressed to this
    /// peer's session arrives: the answer to its hello. Returns when it arrived (a <see cref="Stopwatch"/>
    /// timestamp), or null when none came within <paramref name="window"/> (which a poll may overrun by a second).
    /// </summary>
    public async Task<long?> WaitForAnswerAsync(TimeSpan window)
    {
        var mine = Session ?? throw new InvalidOperationException("StartAsync first: nothing was asked.");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < window)
        {
            var batch = await ReceiveAsync();
            if (batch.Any(body => HandshakeFrame(body) is { Kind: EnvelopeKind.Confirm } confirm && confirm.Recipient == mine))
            {
                return Stopwatch.GetTimestamp();
            }
        }

        return null;
    }

    public void Dispose()
    {
        _channel.Dispose();
        _sqs.Dispose();
    }

    private async Task PumpUntilAsync(Func<bool> done, string failure, TimeSpan? timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                throw new TimeoutException($"Scripted peer: {failure} within {clock.Elapsed}; it read {_received.Count} bodies, notices: {string.Join(" | ", _notices)}");
            }

            foreach (var body in await ReceiveAsync())
            {
                await HandleAsync(_channel.Open(body, null, Now));
            }

            await HandleAsync(_channel.Tick(Now));
        }
    }

    private async Task HandleAsync(IReadOnlyList<ChannelOutput> outputs)
    {
        foreach (var output in outputs)
        {
            switch (output)
            {
                case ChannelOutput.Send send:
                    if (HandshakeFrame(send.Body) is { Kind: EnvelopeKind.Hello } hello)
                    {
                        Session = hello.Sender;
                    }

                    await SendRawAsync(send.Body);
                    break;
                case ChannelOutput.Message message:
                    _texts.Add(message.Text);
                    break;
                case ChannelOutput.Notice notice:
                    _notices.Add(notice.Text);
                    break;
            }
        }
    }

    private async Task<IReadOnlyList<string>> ReceiveAsync()
    {
        var response = await _sqs.ReceiveMessageAsync(
            new ReceiveMessageRequest { QueueUrl = _rxUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = PollSeconds },
            CancellationToken.None);
        if (response.Messages is not { Count: > 0 } messages)
        {
            return [];
        }

        foreach (var message in messages)
        {
            await _sqs.DeleteMessageAsync(_rxUrl, message.ReceiptHandle, CancellationToken.None);
        }

        var bodies = messages.Select(m => m.Body ?? string.Empty).ToArray();
        _received.AddRange(bodies);
        return bodies;
    }
}

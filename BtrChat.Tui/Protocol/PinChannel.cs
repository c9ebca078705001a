using System.Text;
using BtrChat.Crypto;

namespace BtrChat.Protocol;

/// <summary>
/// The secure modes (<see cref="SecurityMode.Pin"/> and <see cref="SecurityMode.KeyFile"/>): a SPAKE2 handshake
/// over the queues turns the shared secret into fresh per-session, per-direction Fernet keys, and every data
/// frame is a versioned envelope bound to both session ids and a sequence number. Nothing is ever sealed under
/// a key derived from the secret alone, so a copied message gives an eavesdropper nothing to test a PIN against.
/// </summary>
public sealed class PinChannel : ISecureChannel
{
    /// <summary>Label of the password-to-scalar hash; with the sorted queue names, the same PIN gives another w per queue pair.</summary>
    public const string PasswordLabel = "btrchat v1 spake2 w";

    public const int MinPinLength = 4;
    public const int MaxPinLength = 256;

    /// <summary>SQS's maximum body size; a larger body cannot be a frame we sent.</summary>
    public const int MaxBodyLength = 1024 * 1024;

    private const string IdentityPrefix = "btrchat/1 ";

    /// <summary>Tokens that arrive before the session that opens them (the peer confirmed first) wait, up to this many.</summary>
    private const int PendingTokenLimit = 64;

    /// <summary>Message ids remembered as shown, to recognise one sealed again under a new session; older ones are forgotten first.</summary>
    private const int RememberedShownIds = 4096;

    private readonly HandshakePolicy _policy;
    private readonly List<PendingToken> _pending = [];
    private readonly HashSet<Guid> _shownIds = [];
    private readonly Queue<Guid> _shownIdsByAge = new();
    private byte[] _secret;
    private QueuePair _queues;
    private Handshake _handshake;
    private InboundOrder _order;
    private int _orderSession;
    private ShownRun _shown = new();
    private readonly SortedDictionary<ulong, long> _unacknowledged = [];
    private ulong _sentSequence;
    private ulong _receiptSequence;
    private ulong _acknowledgedToPeer;
    private bool _receiptOwed;
    private DateTimeOffset _lastReceiptAt = DateTimeOffset.MinValue;
    /// <summary>Null until the first report, so the starting state (waiting for the peer) is reported too.</summary>
    private (HandshakeState State, string? SafetyCode)? _reported;

    private PinChannel(SecurityMode mode, byte[] secret, QueuePair queues, HandshakePolicy policy)
    {
        Mode = mode;
        _secret = secret;
        _queues = queues;
        _policy = policy;
        _handshake = NewHandshake();
        _order = NewOrder();
    }

    public SecurityMode Mode { get; }

    public bool CanSeal => _handshake.Current is not null;

    public int MaxTextBytes => EnvelopeCodec.MaxTextBytes;

    public bool Acknowledges => true;

    public HandshakeState State => _handshake.State;

    public string? SafetyCode => _handshake.Current?.SafetyCode;

    /// <summary>The current session's keys, for tests that seal frames no honest sender makes.</summary>
    internal SessionKeys? CurrentKeys => _handshake.Current;

    /// <summary>Null when <paramref name="pin"/> can be used, else one line saying why not.</summary>
    public static string? Validate(Pin pin) =>
        pin.Value.Length < MinPinLength ? $"The PIN needs at least {MinPinLength} characters."
        : pin.Value.Length > MaxPinLength ? $"The PIN may have at most {MaxPinLength} characters."
        : null;

    public static PinChannel ForPin(Pin pin, QueuePair queues, HandshakePolicy policy) =>
        Validate(pin) is { } problem
            ? throw new ArgumentException(problem, nameof(pin))
            : new PinChannel(SecurityMode.Pin, Encoding.UTF8.GetBytes(pin.Value), queues, policy);

    public static PinChannel ForKey(ReadOnlySpan<byte> key, QueuePair queues, HandshakePolicy policy) =>
        new(SecurityMode.KeyFile, key.ToArray(), queues, policy);

    public IReadOnlyList<ChannelOutput> Start(DateTimeOffset now) => WithSecurity(Apply(_handshake.Start(), now));

    public IReadOnlyList<ChannelOutput> Open(string body, object? tag, DateTimeOffset now)
    {
        if (body.Length > MaxBodyLength)
        {
            return [new ChannelOutput.Rejected(RejectReason.TooLarge, tag)];
        }

        return WithSecurity(WireBody.Classify(body) switch
        {
            WireBodyKind.Cleartext => OpenHandshakeFrame(body, tag, now),
            WireBodyKind.Token => OpenToken(body, tag, now, mayWait: true),
            _ => [new ChannelOutput.Rejected(RejectReason.NotAToken, tag)],
        });
    }

    public string? Seal(string text, DateTimeOffset now, long localId = 0, Guid messageId = default)
    {
        if (_handshake.Current is not { } session)
        {
            return null;
        }

        var id = messageId == Guid.Empty ? Guid.NewGuid() : messageId;
        var frame = Envelope.Data(session.MyRole, session.Mine, session.Peer, ++_sentSequence, id, text);
        if (localId != 0)
        {
            _unacknowledged[_sentSequence] = localId;
        }

        return Fernet.Encrypt(session.SendKey, EnvelopeCodec.Encode(frame), now);
    }

    public int SealedLength(int textBytes) =>
        textBytes > MaxTextBytes
            ? int.MaxValue
            : Fernet.TokenLength(EnvelopeCodec.BucketFor(EnvelopeCodec.HeaderSize + Envelope.MessageIdSize + textBytes));

    public void Shown(MessagePosition position)
    {
        if (position.Session == _orderSession)
        {
            _shown.Add(position.Sequence);
        }
    }

    public IReadOnlyList<ChannelOutput> Tick(DateTimeOffset now)
    {
        var outputs = new List<ChannelOutput>(Apply(_handshake.Tick(now), now));
        outputs.AddRange(ShownOnce(_order.Tick(now)));
        if (Receipt(now) is { } receipt)
        {
            outputs.Add(receipt);
        }

        foreach (var expired in _pending.Where(p => now - p.ArrivedAt >= _policy.ConfirmTimeout).ToArray())
        {
            _pending.Remove(expired);
            outputs.Add(new ChannelOutput.Rejected(RejectReason.NotThisSession, null));
        }

        return WithSecurity(outputs);
    }

    public IReadOnlyList<ChannelOutput> ChangePin(Pin pin, DateTimeOffset now)
    {
        if (Validate(pin) is { } problem)
        {
            throw new ArgumentException(problem, nameof(pin));
        }

        ReplaceSecret(Encoding.UTF8.GetBytes(pin.Value));
        return WithSecurity(Apply(_handshake.Restart(DerivePassword()), now));
    }

    public IReadOnlyList<ChannelOutput> Rebind(QueuePair queues, DateTimeOffset now)
    {
        _queues = queues;
        _handshake.Dispose();
        _handshake = NewHandshake();
        _order = NewOrder();
        _sentSequence = 0;
        return WithSecurity(Apply(_handshake.Start(), now));
    }

    public void Dispose()
    {
        _handshake.Dispose();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(_secret);
    }

    private List<ChannelOutput> OpenHandshakeFrame(string body, object? tag, DateTimeOffset now)
    {
        if (!WireBody.TryDecodeCleartext(body, out var frame, out var failure))
        {
            return [new ChannelOutput.Rejected(RejectReason.BadHandshake, tag), new ChannelOutput.Log($"handshake frame refused: {failure}")];
        }

        var actions = frame.Kind == EnvelopeKind.Hello ? _handshake.OnHello(frame, now) : _handshake.OnConfirm(frame, now);
        var outputs = new List<ChannelOutput> { new ChannelOutput.Consumed(tag) };
        outputs.AddRange(Apply(actions, now));
        return outputs;
    }

    private List<ChannelOutput> OpenToken(string body, object? tag, DateTimeOffset now, bool mayWait)
    {
        if (_handshake.Current is not { } session)
        {
            return mayWait ? Wait(body, tag, now) : [new ChannelOutput.Rejected(RejectReason.NotThisSession, tag)];
        }

        // No time-to-live: chat may wait days in a queue; the session binding and sequence numbers stop replay.
        var opened = Fernet.Decrypt(session.ReceiveKey, body, now, timeToLive: null, maxClockSkew: _policy.MaxClockSkew);
        if (!opened.IsValid)
        {
            return opened.Failure switch
            {
                FernetFailure.FromTheFuture => [new ChannelOutput.Rejected(RejectReason.FromTheFuture, tag)],

                // The peer may already be on the session a pending handshake is about to confirm.
                FernetFailure.BadSignature when mayWait && _handshake.AwaitingConfirmation => Wait(body, tag, now),
                FernetFailure.BadSignature => [new ChannelOutput.Rejected(RejectReason.NotThisSession, tag)],
                _ => [new ChannelOutput.Rejected(RejectReason.NotAToken, tag)],
            };
        }

        if (!EnvelopeCodec.TryDecode(opened.Plaintext, out var frame, out var failure))
        {
            return [new ChannelOutput.Rejected(RejectReason.Unreadable, tag), new ChannelOutput.Log($"sealed frame refused: {failure}")];
        }

        if (frame.SenderRole == session.MyRole || frame.Sender != session.Peer || frame.Recipient != session.Mine)
        {
            return [new ChannelOutput.Rejected(RejectReason.NotThisSession, tag)];
        }

        if (frame.Kind == EnvelopeKind.Data && frame.Sequence <= _acknowledgedToPeer)
        {
            // The peer resends only what it has no receipt for, so ours was lost (a frame whose send failed is not
            // retried): acknowledge again, or its messages stay unacknowledged for the rest of the session.
            _receiptOwed = true;
        }

        return frame.Kind switch
        {
            EnvelopeKind.Data => ShownOnce(_order.Accept(
                frame.Sequence,
                new ChannelOutput.Message(frame.Text, opened.Timestamp, tag, frame.MessageId) { Position = new(_orderSession, frame.Sequence) },
                now)),
            EnvelopeKind.Receipt => [new ChannelOutput.Consumed(tag), .. Acknowledged(frame.AcknowledgedThrough)],
            _ => [new ChannelOutput.Rejected(RejectReason.Unreadable, tag)],
        };
    }

    /// <summary>
    /// One cumulative receipt for everything shown since the last one, or again when the peer resent something the
    /// last one covered; at most once per interval.
    /// </summary>
    private ChannelOutput.Send? Receipt(DateTimeOffset now)
    {
        if (_handshake.Current is not { } session || (_shown.Through <= _acknowledgedToPeer && !_receiptOwed) || now - _lastReceiptAt < _policy.ReceiptInterval)
        {
            return null;
        }

        _receiptOwed = false;
        _acknowledgedToPeer = _shown.Through;
        _lastReceiptAt = now;
        var frame = Envelope.Receipt(session.MyRole, session.Mine, session.Peer, ++_receiptSequence, _acknowledgedToPeer);
        return new ChannelOutput.Send(Fernet.Encrypt(session.SendKey, EnvelopeCodec.Encode(frame), now));
    }

    /// <summary>Receipts are cumulative, so a replayed or reordered one acknowledges nothing new.</summary>
    private IEnumerable<ChannelOutput> Acknowledged(ulong through)
    {
        var delivered = _unacknowledged.TakeWhile(p => p.Key <= through).ToArray();
        foreach (var (sequence, _) in delivered)
        {
            _unacknowledged.Remove(sequence);
        }

        return delivered.Length == 0 ? [] : [new ChannelOutput.Delivered([.. delivered.Select(p => p.Value)])];
    }

    /// <summary>
    /// A message the sender sealed again under a new session (it never saw our receipt) keeps its id: one already
    /// shown is consumed, not shown twice.
    /// </summary>
    private List<ChannelOutput> ShownOnce(IReadOnlyList<ChannelOutput> released)
    {
        var outputs = new List<ChannelOutput>(released.Count);
        foreach (var output in released)
        {
            if (output is ChannelOutput.Message { Id: var id } message && id != Guid.Empty && !_shownIds.Add(id))
            {
                if (message.Position is { } position)
                {
                    Shown(position);
                }

                outputs.Add(new ChannelOutput.Consumed(message.Tag));
                outputs.Add(new ChannelOutput.Log("message already shown under an earlier session dropped"));
                continue;
            }

            if (output is ChannelOutput.Message { Id: var shown } && shown != Guid.Empty)
            {
                _shownIdsByAge.Enqueue(shown);
                if (_shownIdsByAge.Count > RememberedShownIds)
                {
                    _shownIds.Remove(_shownIdsByAge.Dequeue());
                }
            }

            outputs.Add(output);
        }

        return outputs;
    }

    private InboundOrder NewOrder()
    {
        _shown = new ShownRun();
        return new InboundOrder(_policy.GapTimeout, ++_orderSession);
    }

    private List<ChannelOutput> Wait(string body, object? tag, DateTimeOffset now)
    {
        if (_pending.Count >= PendingTokenLimit)
        {
            return [new ChannelOutput.Rejected(RejectReason.NotThisSession, tag)];
        }

        // The queue message is settled now and the body kept here: on a FIFO queue, an undeleted message holds back
        // everything behind it in its group, including the handshake frames this token is waiting for. If we stop
        // before it can be opened, the sender still has it unacknowledged and reseals it for our next session.
        _pending.Add(new PendingToken(body, now));
        return [new ChannelOutput.Consumed(tag), new ChannelOutput.Log("token kept until the handshake in progress settles")];
    }

    private List<ChannelOutput> Apply(IReadOnlyList<HandshakeAction> actions, DateTimeOffset now)
    {
        var outputs = new List<ChannelOutput>();
        foreach (var action in actions)
        {
            switch (action)
            {
                case HandshakeAction.Send send:
                    outputs.Add(new ChannelOutput.Send(WireBody.Cleartext(send.Frame)));
                    break;
                case HandshakeAction.Established established:
                    outputs.AddRange(ShownOnce(_order.Flush()));
                    _order = NewOrder();
                    _sentSequence = 0;
                    _receiptSequence = 0;
                    _acknowledgedToPeer = 0;
                    _receiptOwed = false;
                    _unacknowledged.Clear();
                    outputs.Add(new ChannelOutput.SessionStarted());
                    var code = established.Keys.SafetyCode;
                    outputs.Add(new ChannelOutput.Notice(
                        established.ReplacesSession ? $"New session with the peer. Safety code {code}." : $"Secure session established. Safety code {code}.",
                        code));
                    var waiting = _pending.ToArray();
                    _pending.Clear();
                    foreach (var token in waiting)
                    {
                        outputs.AddRange(OpenToken(token.Body, null, now, mayWait: false));
                    }

                    break;
                case HandshakeAction.Notice notice:
                    outputs.Add(new ChannelOutput.Notice(notice.Text));
                    break;
                case HandshakeAction.Ignored ignored:
                    outputs.Add(new ChannelOutput.Log(ignored.Reason));
                    break;
            }
        }

        return outputs;
    }

    private IReadOnlyList<ChannelOutput> WithSecurity(List<ChannelOutput> outputs)
    {
        var now = (_handshake.State, _handshake.Current?.SafetyCode);
        if (now != _reported)
        {
            _reported = now;
            outputs.Add(new ChannelOutput.Security(now.State, now.SafetyCode));
        }

        return outputs;
    }

    private Handshake NewHandshake()
    {
        var (aTx, bTx) = _queues.ByRole;
        return new Handshake(
            _queues.MyRole,
            Encoding.UTF8.GetBytes(IdentityPrefix + "A " + aTx),
            Encoding.UTF8.GetBytes(IdentityPrefix + "B " + bTx),
            DerivePassword(),
            _policy);
    }

    private Spake2Password DerivePassword() =>
        Spake2Password.Derive(PasswordLabel, new[] { _queues.Tx, _queues.Rx }.Order(StringComparer.Ordinal), _secret);

    private void ReplaceSecret(byte[] secret)
    {
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(_secret);
        _secret = secret;
    }

    /// <summary>A token kept in memory until the handshake in progress settles; its queue message is already settled.</summary>
    private sealed record PendingToken(string Body, DateTimeOffset ArrivedAt);
}

using BtrChat.Crypto;

namespace BtrChat.Protocol;

/// <summary>
/// The PIN handshake over two store-and-forward queues, as a pure state machine: frames and the clock go in,
/// <see cref="HandshakeAction"/>s come out. Each process has one SPAKE2 party (a fresh session id and
/// ephemeral scalar per start or PIN re-entry) and announces it in a hello. It answers every new peer hello
/// with a confirmation from that same party, resending its own hello in case the peer's current process has
/// not seen it, and switches to a session only when the peer's confirmation for that exact pair of session
/// ids verifies. So either side may start first, go away for hours, or restart, and the two converge in one
/// round; stale frames from earlier processes are recognised by their session ids and ignored; and an
/// unauthenticated hello never tears down a working session. See docs/protocol.md for the transition table.
/// </summary>
/// <remarks>Not thread-safe: the owner serialises calls.</remarks>
public sealed class Handshake : IDisposable
{
    public const string PinMismatch = "PIN mismatch: a typo, or someone trying to guess it";

    /// <summary>Peer session ids remembered, so replayed hellos are not answered (and counted) again.</summary>
    private const int RememberedPeers = 256;

    /// <summary>Confirmations that overtook their hello on an unordered queue, kept until it arrives.</summary>
    private const int EarlyConfirmLimit = 8;

    private readonly PeerRole _role;
    private readonly byte[] _idA;
    private readonly byte[] _idB;
    private readonly HandshakePolicy _policy;
    private readonly Dictionary<SessionId, Attempt> _attempts = [];
    private readonly Queue<SessionId> _answeredOrder = new();
    private readonly HashSet<SessionId> _answered = [];
    private readonly List<Envelope> _earlyConfirms = [];
    private Spake2Password _password;
    private Spake2Party _party;
    private Envelope? _deferredHello;
    private DateTimeOffset _nextAnswerAt = DateTimeOffset.MinValue;
    private int _failures;

    public Handshake(PeerRole role, byte[] idA, byte[] idB, Spake2Password password, HandshakePolicy policy)
    {
        _role = role;
        _idA = idA;
        _idB = idB;
        _policy = policy;
        _password = password;
        _party = NewParty(out var mine);
        Mine = mine;
    }

    public SessionId Mine { get; private set; }

    public SessionKeys? Current { get; private set; }

    public int FailedAttempts => _failures;

    /// <summary>Whether we answered a hello whose confirmation has not come yet.</summary>
    public bool AwaitingConfirmation => _attempts.Count > 0;

    public HandshakeState State =>
        Current is not null ? HandshakeState.Established
        : _failures >= _policy.MaxFailures ? HandshakeState.Failed
        : _attempts.Count > 0 ? HandshakeState.Confirming
        : HandshakeState.WaitingForPeer;

    private PeerRole PeerRole => _role == PeerRole.A ? PeerRole.B : PeerRole.A;

    private bool LockedOut => _failures >= _policy.MaxFailures;

    /// <summary>The first hello of this process.</summary>
    public IReadOnlyList<HandshakeAction> Start() => [new HandshakeAction.Send(Hello())];

    /// <summary>
    /// PIN re-entry: a new password and party (new session id), failures forgiven because the user acted.
    /// The working session, if any, stays until the new handshake confirms.
    /// </summary>
    public IReadOnlyList<HandshakeAction> Restart(Spake2Password password)
    {
        DropAttempts();
        _party.Dispose();
        _password.Dispose();
        _password = password;
        _party = NewParty(out var mine);
        Mine = mine;
        _failures = 0;
        _nextAnswerAt = DateTimeOffset.MinValue;
        _deferredHello = null;
        _earlyConfirms.Clear();

        // Hellos answered by the old party must be answered again by the new one: the peer that sent them may
        // still be running, waiting for a confirmation it can verify under the PIN just entered.
        _answered.Clear();
        _answeredOrder.Clear();
        return Start();
    }

    public IReadOnlyList<HandshakeAction> OnHello(Envelope hello, DateTimeOffset now)
    {
        if (hello.SenderRole != PeerRole)
        {
            return [new HandshakeAction.Ignored("hello in our own role: reflected")];
        }

        if (_answered.Contains(hello.Sender))
        {
            return [new HandshakeAction.Ignored($"hello {hello.Sender} already answered")];
        }

        if (LockedOut)
        {
            return [new HandshakeAction.Ignored($"hello {hello.Sender} not answered: too many failed attempts")];
        }

        if (now < _nextAnswerAt)
        {
            _deferredHello = hello;
            return [new HandshakeAction.Ignored($"hello {hello.Sender} deferred until {_nextAnswerAt:O} after a failed attempt")];
        }

        return Answer(hello, now);
    }

    public IReadOnlyList<HandshakeAction> OnConfirm(Envelope confirm, DateTimeOffset now)
    {
        if (confirm.SenderRole != PeerRole)
        {
            return [new HandshakeAction.Ignored("confirm in our own role: reflected")];
        }

        if (confirm.Recipient != Mine)
        {
            return [new HandshakeAction.Ignored($"confirm for {confirm.Recipient}, an earlier session of ours")];
        }

        if (!_attempts.Remove(confirm.Sender, out var attempt))
        {
            if (_answered.Contains(confirm.Sender))
            {
                return [new HandshakeAction.Ignored($"confirm from {confirm.Sender} already settled")];
            }

            if (_earlyConfirms.Count >= EarlyConfirmLimit)
            {
                _earlyConfirms.RemoveAt(0);
            }

            _earlyConfirms.Add(confirm);
            return [new HandshakeAction.Ignored($"confirm from {confirm.Sender} before its hello; kept")];
        }

        using (attempt.Keys)
        {
            if (!attempt.Keys.VerifyPeerConfirmation(confirm.Payload.Span))
            {
                return Fail($"{PinMismatch} (failed attempt {_failures + 1} of {_policy.MaxFailures}).", now);
            }

            var replaces = Current is not null;
            Current?.Dispose();
            Current = SessionKeys.Derive(_role, Mine, confirm.Sender, attempt.Keys.SharedSecret);
            _failures = 0;
            _nextAnswerAt = DateTimeOffset.MinValue;
            return [new HandshakeAction.Established(Current, replaces)];
        }
    }

    /// <summary>Expires unconfirmed answers (each a failed attempt) and answers a deferred hello when its wait is over.</summary>
    public IReadOnlyList<HandshakeAction> Tick(DateTimeOffset now)
    {
        var actions = new List<HandshakeAction>();
        foreach (var (peer, attempt) in _attempts.Where(a => a.Value.Deadline <= now).ToArray())
        {
            _attempts.Remove(peer);
            attempt.Keys.Dispose();
            actions.AddRange(Fail(
                $"A handshake was not confirmed within {_policy.ConfirmTimeout.TotalMinutes:0.#} min: the peer left, or someone tried a PIN (failed attempt {_failures + 1} of {_policy.MaxFailures}).",
                now));
        }

        if (_deferredHello is { } hello && now >= _nextAnswerAt && !LockedOut)
        {
            _deferredHello = null;
            actions.AddRange(Answer(hello, now));
        }

        return actions;
    }

    public void Dispose()
    {
        DropAttempts();
        Current?.Dispose();
        _party.Dispose();
        _password.Dispose();
    }

    private IReadOnlyList<HandshakeAction> Answer(Envelope hello, DateTimeOffset now)
    {
        var aad = SessionPair(hello.Sender);
        if (!_party.TryFinish(hello.Payload.Span, aad, out var keys))
        {
            return [new HandshakeAction.Ignored($"hello {hello.Sender} carries an invalid share")];
        }

        Remember(hello.Sender);
        _attempts[hello.Sender] = new Attempt(keys, now + _policy.ConfirmTimeout);
        var actions = new List<HandshakeAction>
        {
            // The peer's current process may never have seen our hello (its predecessor took it), so it goes again.
            new HandshakeAction.Send(Hello()),
            new HandshakeAction.Send(Envelope.Confirm(_role, Mine, hello.Sender, keys.Confirmation.ToArray())),
        };
        var early = _earlyConfirms.FindIndex(c => c.Sender == hello.Sender);
        if (early >= 0)
        {
            var confirm = _earlyConfirms[early];
            _earlyConfirms.RemoveAt(early);
            actions.AddRange(OnConfirm(confirm, now));
        }

        return actions;
    }

    private IReadOnlyList<HandshakeAction> Fail(string notice, DateTimeOffset now)
    {
        _failures++;
        if (LockedOut)
        {
            DropAttempts();
            _deferredHello = null;
            return
            [
                new HandshakeAction.Notice(notice),
                new HandshakeAction.Notice($"Stopped answering handshakes after {_failures} failed attempts. Re-enter the PIN to try again."),
            ];
        }

        _nextAnswerAt = now + (_policy.FirstRetryDelay * Math.Pow(2, _failures - 1));
        return [new HandshakeAction.Notice(notice)];
    }

    /// <summary>Both session ids, A's first: bound into the confirmation keys so a confirmation answers exactly one pair.</summary>
    private byte[] SessionPair(SessionId peer)
    {
        var (a, b) = _role == PeerRole.A ? (Mine, peer) : (peer, Mine);
        var pair = new byte[2 * SessionId.Size];
        a.CopyTo(pair);
        b.CopyTo(pair.AsSpan(SessionId.Size));
        return pair;
    }

    private Envelope Hello() => Envelope.Hello(_role, Mine, _party.Share.ToArray());

    private Spake2Party NewParty(out SessionId mine)
    {
        mine = SessionId.NewRandom();
        return new Spake2Party(_role == PeerRole.A ? Spake2Role.A : Spake2Role.B, _idA, _idB, _password);
    }

    private void Remember(SessionId peer)
    {
        if (_answered.Add(peer))
        {
            _answeredOrder.Enqueue(peer);
            if (_answeredOrder.Count > RememberedPeers)
            {
                _answered.Remove(_answeredOrder.Dequeue());
            }
        }
    }

    private void DropAttempts()
    {
        foreach (var attempt in _attempts.Values)
        {
            attempt.Keys.Dispose();
        }

        _attempts.Clear();
    }

    private sealed record Attempt(Spake2Keys Keys, DateTimeOffset Deadline);
}

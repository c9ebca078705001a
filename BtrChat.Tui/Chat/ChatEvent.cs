using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Chat;

/// <summary>
/// What the session tells a front end. Events that carry a <see cref="Handle"/> settle a queue message once shown;
/// one opened from a body the channel kept in memory (its queue message already settled) carries none.
/// </summary>
public abstract record ChatEvent
{
    public virtual MessageHandle? Handle => null;

    /// <summary>An authentic message from the peer; a late one names the "missing" marker it <see cref="Fills"/>.</summary>
    public sealed record PeerMessage(string Text, DateTimeOffset SentAt, MessageHandle? Received) : ChatEvent
    {
        public override MessageHandle? Handle => Received;

        public LateArrival? Fills { get; init; }

        /// <summary>Where it stands in the peer's sequence: once shown, a receipt may acknowledge it.</summary>
        public MessagePosition? Position { get; init; }
    }

    /// <summary>A received body that was rejected; it is shown as a notice, never as a message.</summary>
    public sealed record Rejected(RejectReason Reason, MessageHandle? Received) : ChatEvent
    {
        public override MessageHandle? Handle => Received;
    }

    /// <summary>A line for the history that is about the chat, not from the peer.</summary>
    public sealed record Notice(string Text) : ChatEvent;

    /// <summary>Back to pending: sealed again for a new session, or retried after a failure.</summary>
    public sealed record OwnMessagePending(long LocalId) : ChatEvent;

    public sealed record OwnMessageSent(long LocalId) : ChatEvent;

    /// <summary>Not sent; <paramref name="CanRetry"/> is false for a message that can never be sent (too long for any body).</summary>
    public sealed record OwnMessageFailed(long LocalId, string Reason, bool CanRetry = true) : ChatEvent;

    /// <summary>The peer's receipt covers this message (pin and key-file modes; legacy has no receipts).</summary>
    public sealed record OwnMessageDelivered(long LocalId) : ChatEvent;

    public sealed record ConnectionChanged(ConnectionStatus Status) : ChatEvent;

    public sealed record QueuesChanged(QueueNames Queues) : ChatEvent;

    /// <summary>The handshake moved (pin and key-file modes): for the status bar and session info.</summary>
    public sealed record SecurityChanged(HandshakeState State, string? SafetyCode) : ChatEvent;

    /// <summary>Messages from the peer that have not arrived, between two that did; late arrivals name the <paramref name="Gap"/>.</summary>
    public sealed record Missing(ulong Count, GapId Gap) : ChatEvent;
}

namespace BtrChat.Protocol;

/// <summary>
/// Turns chat text into queue bodies and back, and runs whatever handshake the mode needs. Each security mode
/// is one implementation, so the session, transport and UI never depend on how a mode protects a message.
/// Implementations are pure: no I/O, no clock but the one passed in. Not thread-safe: the owner serialises calls.
/// </summary>
public interface ISecureChannel : IDisposable
{
    SecurityMode Mode { get; }

    /// <summary>Whether <see cref="Seal"/> can seal now (pin mode: only once a session is established).</summary>
    bool CanSeal { get; }

    /// <summary>The longest text, in UTF-8 bytes, that one message can carry.</summary>
    int MaxTextBytes { get; }

    /// <summary>Whether the peer acknowledges what it has shown (the secure modes), so unacknowledged messages are resent.</summary>
    bool Acknowledges { get; }

    /// <summary>Frames to send when the session starts (pin mode: our hello).</summary>
    IReadOnlyList<ChannelOutput> Start(DateTimeOffset now);

    /// <summary>Opens a received body. Untrusted input: failures come back as outputs, never as exceptions.</summary>
    IReadOnlyList<ChannelOutput> Open(string body, object? tag, DateTimeOffset now);

    /// <summary>
    /// Seals <paramref name="text"/> into the body of one queue message, or null while <see cref="CanSeal"/> is
    /// false. Modes with receipts report <paramref name="localId"/> in a <see cref="ChannelOutput.Delivered"/>
    /// once the peer acknowledges it, and carry <paramref name="messageId"/> (a new one when empty) so that the
    /// peer shows a message sealed again under a new session only once.
    /// </summary>
    string? Seal(string text, DateTimeOffset now, long localId = 0, Guid messageId = default);

    /// <summary>The length of the body <see cref="Seal"/> makes of a text of <paramref name="textBytes"/> UTF-8 bytes.</summary>
    int SealedLength(int textBytes);

    /// <summary>The front end has shown the message at <paramref name="position"/>: a receipt may now acknowledge it.</summary>
    void Shown(MessagePosition position);

    /// <summary>Time-driven work: handshake timeouts, ordering gaps, receipts.</summary>
    IReadOnlyList<ChannelOutput> Tick(DateTimeOffset now);

    /// <summary>The user entered a new PIN.</summary>
    IReadOnlyList<ChannelOutput> ChangePin(Pin pin, DateTimeOffset now);

    /// <summary>The queues were swapped: pin mode binds both names into the handshake, so it starts again.</summary>
    IReadOnlyList<ChannelOutput> Rebind(QueuePair queues, DateTimeOffset now);
}

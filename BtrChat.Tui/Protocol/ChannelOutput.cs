namespace BtrChat.Protocol;

/// <summary>
/// What a secure channel produces from a received body, a tick of the clock or a control call. Received bodies
/// carry an opaque tag (the queue message's handle) that comes back on the output that settles them, possibly
/// later: a data message held for ordering keeps its tag until it is shown.
/// </summary>
public abstract record ChannelOutput
{
    /// <summary>
    /// An authentic message from the peer, to show. <paramref name="Id"/> is the sender's stable message id (empty in
    /// legacy mode); <see cref="Fills"/> names the "missing" marker a late arrival belongs in.
    /// </summary>
    public sealed record Message(string Text, DateTimeOffset SentAt, object? Tag, Guid Id = default) : ChannelOutput
    {
        public LateArrival? Fills { get; init; }

        /// <summary>Handed back through <see cref="ISecureChannel.Shown"/> once the front end has shown it, for receipts.</summary>
        public MessagePosition? Position { get; init; }
    }

    /// <summary>A received body that is not shown, with why; the user sees a notice.</summary>
    public sealed record Rejected(RejectReason Reason, object? Tag) : ChannelOutput;

    /// <summary>A received body fully handled without showing anything (handshake frames, duplicates).</summary>
    public sealed record Consumed(object? Tag) : ChannelOutput;

    /// <summary>A line for the user about the conversation's security.</summary>
    /// <param name="Text">What the user reads.</param>
    /// <param name="SafetyCode">A safety code the text shows; the log gets the text without it.</param>
    public sealed record Notice(string Text, string? SafetyCode = null) : ChannelOutput
    {
        public string Loggable => SafetyCode is null ? Text : Text.Replace(SafetyCode, "(safety code)", StringComparison.Ordinal);
    }

    /// <summary>Messages that have not arrived, between two that did; shown as a marker that late arrivals fill.</summary>
    public sealed record Missing(ulong Count, GapId Gap) : ChannelOutput;

    /// <summary>A protocol frame the channel needs sent to the peer now.</summary>
    public sealed record Send(string Body) : ChannelOutput;

    /// <summary>The handshake's state changed (for the status bar).</summary>
    public sealed record Security(HandshakeState State, string? SafetyCode) : ChannelOutput;

    /// <summary>A session was established, replacing any earlier one: what was sealed for that one must be sealed again.</summary>
    public sealed record SessionStarted : ChannelOutput;

    /// <summary>The peer acknowledged these of our messages (by the local ids given to Seal).</summary>
    public sealed record Delivered(IReadOnlyList<long> LocalIds) : ChannelOutput;

    /// <summary>Something worth a log line but not the user's attention.</summary>
    public sealed record Log(string Text) : ChannelOutput;
}

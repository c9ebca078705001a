using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Chat;

/// <summary>
/// Every user-facing line the session produces, in one place. None contains message text or secrets, and the
/// fixed ones fit one history row at 80 columns (<see cref="MaxFixedLength"/>).
/// </summary>
public static class Notices
{
    /// <summary>80 columns, less the history border and the "12:34 -!- " head.</summary>
    public const int MaxFixedLength = 80 - 2 - 10;

    public const string LegacyWarning =
        "LEGACY mode is NOT private: anyone who reads the queues reads all.";

    public static string Rejected(RejectReason reason) => reason switch
    {
        RejectReason.NotAToken => "Rejected a message that is not a btrchat token; deleted it.",
        RejectReason.WrongKey => "Rejected a message under another PIN (or forged); deleted it.",
        RejectReason.Unreadable => "Rejected a message that is not readable text; deleted it.",
        RejectReason.TooLarge => "Rejected a message too large for btrchat; deleted it.",
        RejectReason.NotThisSession => "A message for another session was deleted; senders resend theirs.",
        RejectReason.FromTheFuture => "Rejected a message dated in the future; deleted it.",
        RejectReason.BadHandshake => "Rejected a malformed handshake message; deleted it.",
        RejectReason.ImpossibleSequence => "Rejected a message with an impossible number; deleted it.",
        _ => "Rejected a message; deleted it.",
    };

    public static string Missing(ulong count) =>
        count == 1 ? "1 message from the peer is missing here." : $"{count} messages from the peer are missing here.";

    public static string NotSent(string reason, bool canRetry = true) =>
        canRetry ? $"Not sent: {reason}. /retry or Ctrl-R sends it again." : $"Not sent: {reason}.";

    public static string UndeliveredOnQuit(int waiting, int failed) =>
        (waiting, failed) switch
        {
            (1, 0) => "1 message is not delivered yet.",
            (_, 0) => $"{waiting} messages are not delivered yet.",
            (0, 1) => "1 message failed to send.",
            (0, _) => $"{failed} messages failed to send.",
            _ => $"{waiting} message(s) not delivered yet, {failed} failed.",
        } + "\nQuit anyway, wait for delivery, or cancel?";

    public static string WaitingToQuit(int count) =>
        $"Will quit once {count} message(s) are delivered; Ctrl-D to choose again.";

    /// <summary>The same notice again right after itself: counted on its row instead of filling the screen.</summary>
    public static string Repeated(string notice, int times) => $"{notice} (x{times})";

    public static string Security(HandshakeState state, string? safetyCode) => state switch
    {
        HandshakeState.Established => $"secure {safetyCode}",
        HandshakeState.Confirming => "confirming",
        HandshakeState.Failed => "HANDSHAKE FAILED",
        _ => "waiting for peer",
    };

    public static string Swapped(QueueNames queues) => $"Swapped queues: now sending to {queues.Tx} and reading {queues.Rx}.";

    /// <summary>Legacy mode seals with the PIN itself; the secure modes go on with the current session until a new handshake with the PIN completes.</summary>
    public static string PinChanged(SecurityMode mode) => mode == SecurityMode.Legacy
        ? "PIN changed: messages are now sealed and opened with it."
        : "PIN changed: a new handshake starts with it.";

    public static string Connection(ConnectionStatus status) => status.State switch
    {
        ConnectionState.Online => "online",
        ConnectionState.Connecting => "connecting",
        ConnectionState.Offline when status.RetryAt is { } at =>
            $"offline ({status.Detail}), retrying at {at.ToLocalTime():HH:mm:ss}",
        ConnectionState.Offline => $"offline ({status.Detail})",
        _ => $"stopped: {status.Detail}",
    };
}

using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Chat;

/// <summary>Every user-facing line the session produces, in one place. None of them contains message text or secrets.</summary>
public static class Notices
{
    public const string LegacyWarning =
        "LEGACY mode is NOT private: whoever can read the queues reads every message.";

    public static string Rejected(RejectReason reason) => reason switch
    {
        RejectReason.NotAToken => "Rejected a message that is not a btrchat token (deleted).",
        RejectReason.WrongKey => "Rejected a message sealed with another PIN, or forged (deleted). Check that you both typed the same PIN.",
        RejectReason.Unreadable => "Rejected a message whose content is not readable text (deleted).",
        RejectReason.TooLarge => "Rejected a message larger than btrchat accepts (deleted).",
        _ => "Rejected a message (deleted).",
    };

    public static string Swapped(QueueNames queues) => $"Swapped queues: now sending to {queues.Tx} and reading {queues.Rx}.";

    public const string PinChanged = "PIN changed: new messages are sealed with it.";

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

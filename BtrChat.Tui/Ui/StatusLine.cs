using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Ui;

/// <summary>What the status bar says: mode and handshake, connection, queues. Plain text, so no colour is needed to read it.</summary>
public sealed class StatusLine(SecurityMode mode, QueueNames queues)
{
    public SecurityMode Mode { get; } = mode;

    public QueueNames Queues { get; private set; } = queues;

    public string Connection { get; private set; } = "connecting";

    public HandshakeState? Handshake { get; private set; }

    public string? SafetyCode { get; private set; }

    // Queue names can be long, so they come last: the status bar clips them, not the state.
    public string Text =>
        Handshake is { } state
            ? $"{Mode.Describe()} {Notices.Security(state, SafetyCode)} | {Connection} | {Queues.Tx} > {Queues.Rx}"
            : $"{Mode.Describe()} | {Connection} | {Queues.Tx} > {Queues.Rx}";

    public void SetConnection(ConnectionStatus status) => Connection = Notices.Connection(status);

    public void SetSecurity(HandshakeState state, string? safetyCode)
    {
        Handshake = state;
        SafetyCode = safetyCode;
    }

    public void SetQueues(QueueNames queues) => Queues = queues;
}

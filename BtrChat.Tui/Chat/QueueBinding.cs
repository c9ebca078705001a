using BtrChat.Transport;

namespace BtrChat.Chat;

/// <summary>The two resolved queues the session currently uses.</summary>
public sealed record QueueBinding(QueueInfo Tx, QueueInfo Rx)
{
    public QueueBinding Swapped() => new(Rx, Tx);

    public QueueNames Names => new(Tx.Name, Rx.Name);
}

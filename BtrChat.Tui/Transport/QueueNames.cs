namespace BtrChat.Transport;

/// <summary>The two queue names one side uses: it sends on <see cref="Tx"/> and reads <see cref="Rx"/>.</summary>
public sealed record QueueNames(string Tx, string Rx)
{
    /// <summary>The original's /swap: for a config that has the two names backwards.</summary>
    public QueueNames Swapped() => new(Rx, Tx);
}

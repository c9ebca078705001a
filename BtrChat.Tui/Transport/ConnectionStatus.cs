namespace BtrChat.Transport;

public enum ConnectionState
{
    Connecting,
    Online,

    /// <summary>A transient failure: the next attempt is scheduled at <see cref="ConnectionStatus.RetryAt"/>.</summary>
    Offline,

    /// <summary>A failure retrying cannot fix (missing queue, no credentials, no permission).</summary>
    Stopped,
}

public sealed record ConnectionStatus(ConnectionState State, string? Detail = null, DateTimeOffset? RetryAt = null)
{
    public static ConnectionStatus Online { get; } = new(ConnectionState.Online);

    public static ConnectionStatus Connecting { get; } = new(ConnectionState.Connecting);
}

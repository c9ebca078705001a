namespace BtrChat.Chat;

/// <summary>Every user intent as a value, whether it came from a key, a menu or a typed /command.</summary>
public abstract record ChatCommand
{
    public static readonly IReadOnlyList<(string Name, string Help)> TypedCommands =
    [
        ("/swap", "exchange the tx and rx queues (for a config that has them backwards)"),
        ("/pin", "re-enter the shared PIN"),
        ("/info", "session info: mode, queues, safety code"),
        ("/retry", "send the failed messages again (and reconnect if stopped)"),
        ("/quit, /exit", "leave btrchat"),
        ("/help", "show this help"),
        ("//text", "send text that starts with '/'"),
    ];

    public sealed record Send(string Text) : ChatCommand;

    public sealed record SwapQueues : ChatCommand;

    public sealed record ReenterPin : ChatCommand;

    public sealed record Quit : ChatCommand;

    public sealed record ShowHelp : ChatCommand;

    public sealed record SessionInfo : ChatCommand;

    public sealed record RetryFailed : ChatCommand;

    public sealed record Unknown(string Name) : ChatCommand;

    /// <summary>Null for a line with nothing to send.</summary>
    public static ChatCommand? FromTypedLine(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        if (line.StartsWith("//", StringComparison.Ordinal))
        {
            return new Send(line[1..]);
        }

        if (!line.StartsWith('/'))
        {
            return new Send(line);
        }

        var name = line.Trim().Split(' ', 2)[0].ToLowerInvariant();
        return name switch
        {
            "/swap" => new SwapQueues(),
            "/quit" or "/exit" => new Quit(),
            "/help" => new ShowHelp(),
            "/pin" => new ReenterPin(),
            "/info" => new SessionInfo(),
            "/retry" => new RetryFailed(),
            _ => new Unknown(name),
        };
    }
}

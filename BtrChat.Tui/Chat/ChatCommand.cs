namespace BtrChat.Chat;

/// <summary>Every user intent as a value, whether it came from a key, a menu or a typed /command.</summary>
public abstract record ChatCommand
{
    public static readonly IReadOnlyList<(string Name, string Help)> TypedCommands =
    [
        ("/swap", "exchange the tx and rx queues"),
        ("/pin", "re-enter the shared PIN"),
        ("/info", "session info: mode, queues, safety code"),
        ("/retry", "resend failed messages; reconnect if stopped"),
        ("/check", "count the messages waiting in each queue"),
        ("/debug", "log file to Verbose (secrets are never logged)"),
        ("/nodebug", "log file back to its configured level"),
        ("/about", "version, mode and where the log file is"),
        ("/quit, /exit", "leave btrchat"),
        ("/help", "list the commands and keys"),
        ("//text", "send text that starts with '/'"),
    ];

    public sealed record Send(string Text) : ChatCommand;

    public sealed record SwapQueues : ChatCommand;

    public sealed record ReenterPin : ChatCommand;

    public sealed record Quit : ChatCommand;

    public sealed record ShowHelp : ChatCommand;

    public sealed record SessionInfo : ChatCommand;

    public sealed record RetryFailed : ChatCommand;

    /// <summary>Counts the messages waiting in the tx and rx queues.</summary>
    public sealed record CheckQueues : ChatCommand;

    /// <summary>Switches the log file to Verbose, or back to its configured level.</summary>
    public sealed record DebugLog(bool On) : ChatCommand;

    /// <summary>The keys and typed commands in a dialog.</summary>
    public sealed record ShowKeys : ChatCommand;

    public sealed record ShowAbout : ChatCommand;

    /// <summary>Shows or hides the time before each history entry.</summary>
    public sealed record ToggleTimestamps : ChatCommand;

    /// <summary>Switches the history between normal and compact layout.</summary>
    public sealed record ToggleCompact : ChatCommand;

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
            "/check" => new CheckQueues(),
            "/debug" => new DebugLog(On: true),
            "/nodebug" => new DebugLog(On: false),
            "/about" => new ShowAbout(),
            _ => new Unknown(name),
        };
    }
}

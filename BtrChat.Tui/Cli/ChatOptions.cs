namespace BtrChat.Cli;

/// <summary>
/// The settings as written in a config file or the environment, before validation. Property names are
/// the JSON keys (camelCase in the file; binding ignores case). Bound by the configuration source generator,
/// so it stays trimming- and AOT-safe.
/// </summary>
public sealed class ChatOptions
{
    public static readonly string[] Keys = ["txQueue", "rxQueue", "region", "endpoint", "profile", "securityMode", "keyFile", "logFile", "logLevel", "scrollback", "notify"];

    public string? TxQueue { get; set; }

    public string? RxQueue { get; set; }

    public string? Region { get; set; }

    public string? Endpoint { get; set; }

    /// <summary>A named profile of the shared AWS files, instead of the standard credential chain.</summary>
    public string? Profile { get; set; }

    public string? SecurityMode { get; set; }

    public string? KeyFile { get; set; }

    public string? LogFile { get; set; }

    public string? LogLevel { get; set; }

    /// <summary>History rows kept; a JSON number or a string of digits.</summary>
    public string? Scrollback { get; set; }

    /// <summary>What a peer's message does while the history is scrolled away from it: <c>none</c> or <c>bell</c>.</summary>
    public string? Notify { get; set; }
}

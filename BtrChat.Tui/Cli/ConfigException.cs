using BtrChat.Chat;

namespace BtrChat.Cli;

/// <summary>A setting is missing or wrong. The message is one line for the user; the program exits with <see cref="ExitCodes.BadConfiguration"/>.</summary>
/// <remarks>
/// Messages quote what the file says (a key, a value), which may hold any character: control characters are
/// made visible, so a file cannot break the one line or send escape sequences to the terminal.
/// </remarks>
public sealed class ConfigException(string message) : Exception(TerminalSafeText.Make(message));

namespace BtrChat.Cli;

/// <summary>A setting is missing or wrong. The message is one line for the user; the program exits with <see cref="ExitCodes.BadConfiguration"/>.</summary>
public sealed class ConfigException(string message) : Exception(message);

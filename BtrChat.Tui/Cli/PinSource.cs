using BtrChat.Protocol;

namespace BtrChat.Cli;

/// <summary>
/// Lets scripts and tests give the PIN without it showing in the process arguments: from a file or from
/// the environment. The variable is removed once read, so nothing started later inherits it.
/// </summary>
public static class PinSource
{
    public const string EnvironmentVariable = "BTRCHAT_PIN";

    /// <summary>The PIN given ahead of time, or null when the user should be asked.</summary>
    public static Pin? FromFileOrEnvironment(string? pinFile)
    {
        if (pinFile is not null)
        {
            try
            {
                return new Pin(File.ReadAllText(pinFile).TrimEnd('\r', '\n'));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigException($"{pinFile}: cannot read the PIN file ({e.GetType().Name})");
            }
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (fromEnvironment is null)
        {
            return null;
        }

        Environment.SetEnvironmentVariable(EnvironmentVariable, null);
        return new Pin(fromEnvironment);
    }
}

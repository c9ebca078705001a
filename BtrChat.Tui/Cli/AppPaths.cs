namespace BtrChat.Cli;

/// <summary>Where btrchat keeps its files, following the XDG base directory conventions.</summary>
public static class AppPaths
{
    public static string ConfigFile => Path.Combine(XdgDirectory("XDG_CONFIG_HOME", ".config"), "btrchat", "config.json");

    public static string LogFile => Path.Combine(XdgDirectory("XDG_STATE_HOME", Path.Combine(".local", "state")), "btrchat", "btrchat.log");

    private static string XdgDirectory(string variable, string fallbackUnderHome)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        return Path.IsPathFullyQualified(fromEnvironment ?? string.Empty)
            ? fromEnvironment!
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), fallbackUnderHome);
    }
}

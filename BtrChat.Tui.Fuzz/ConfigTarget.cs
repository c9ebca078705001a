using BtrChat.Cli;

namespace BtrChat.Fuzz;

/// <summary>
/// A config file's bytes, loaded through ConfigLoader as `btrchat --config FILE` does. Its contract: settings,
/// or a <see cref="ConfigException"/> whose message is one line without control characters; any other exception is a crash.
/// </summary>
public static class ConfigTarget
{
    private static readonly Dictionary<string, string?> NoFlags = [];

    public static void Run(byte[] input)
    {
        // One file per thread, since the property tests may run this on several at once.
        string path = Path.Combine(Path.GetTempPath(), $"btrchat-fuzz-config-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.json");
        File.WriteAllBytes(path, input);
        try
        {
            ChatSettings settings = ConfigLoader.Load(path, NoFlags);
            FuzzDefect.Unless(settings.Queues.Tx.Length > 0 && settings.Queues.Tx != settings.Queues.Rx, "loaded settings name two queues");
        }
        catch (ConfigException e)
        {
            FuzzDefect.Unless(!e.Message.Any(char.IsControl), "a config problem is one line, free of control characters");
        }
        finally
        {
            File.Delete(path);
        }
    }
}

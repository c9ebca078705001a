using System.Diagnostics.CodeAnalysis;

/// <summary>
/// Lets scripts/e2e-exits.sh crash a real btrchat without a test-only backdoor in the product: the .NET runtime loads
/// this assembly into btrchat before its Main when DOTNET_STARTUP_HOOKS names it (a runtime feature, not ours), and
/// with E2E_CRASH_TRIGGER set, a background thread waits for that file to appear and then throws, as a bug on a
/// background thread would. E2E_CRASH_ARMED, when set, is a file written once the thread runs, so the script can tell
/// "the hook never ran" from "btrchat ignored the crash". Without E2E_CRASH_TRIGGER it does nothing.
/// </summary>
/// <remarks>The runtime requires this exact name, in no namespace.</remarks>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks the hook up as the global type StartupHook.")]
internal static class StartupHook
{
    public const string CrashMessage = "e2e: deliberate crash on a background thread";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static void Initialize()
    {
        string? trigger = Environment.GetEnvironmentVariable("E2E_CRASH_TRIGGER");
        if (string.IsNullOrEmpty(trigger))
        {
            return;
        }

        string? armed = Environment.GetEnvironmentVariable("E2E_CRASH_ARMED");
        var thread = new Thread(() =>
        {
            if (!string.IsNullOrEmpty(armed))
            {
                File.WriteAllText(armed, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            while (!File.Exists(trigger))
            {
                Thread.Sleep(PollInterval);
            }

            throw new InvalidOperationException(CrashMessage);
        })
        { IsBackground = true, Name = "e2e crash" };
        thread.Start();
    }
}

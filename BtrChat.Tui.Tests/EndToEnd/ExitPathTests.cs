namespace BtrChat.Tests.EndToEnd;

/// <summary>
/// Runs scripts/e2e-exits.sh: a real btrchat in an 80x24 tmux pane, left each way there is (Ctrl-D, Ctrl-Q, the F10
/// menu, SIGINT, SIGTERM, SIGHUP, SIGHUP at the PIN prompt, the terminal closing under it, and an unhandled exception
/// thrown through <see cref="StartupHook"/>), gives the terminal back (main screen, cursor visible, no mouse
/// reporting, normal keypad, the tty out of raw mode) with the exit code the README documents; and the window
/// re-lays out when resized to 100x30 and back.
/// </summary>
public sealed class ExitPathTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(240);

    [Fact]
    public async Task EveryWayOut_RestoresTheTerminal_WithTheDocumentedExitCode()
    {
        string hook = typeof(ExitPathTests).Assembly.Location;
        await TmuxScript.AssertPassesAsync("e2e-exits", ScriptTimeout, new Dictionary<string, string> { ["E2E_CRASH_HOOK"] = hook });
    }
}

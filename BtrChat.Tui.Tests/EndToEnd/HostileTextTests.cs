namespace BtrChat.Tests.EndToEnd;

/// <summary>
/// Runs scripts/e2e-hostile-text.sh: a peer in the original's format sends terminal controls (clear screen, cursor
/// movement, OSC 0 title, OSC 52 clipboard, bell, C1 controls, bidi overrides, a tmux passthrough, a full reset) to a
/// real btrchat in a tmux pane; each shows as visible text, and the pane's title, tmux's clipboard, the bell, the
/// cursor and the layout stay as they were (a control pane shows the same bytes raw do change them).
/// </summary>
public sealed class HostileTextTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ControlSequencesFromThePeer_ShowAsText_AndLeaveTheTerminalAlone()
    {
        Assert.True(
            File.Exists(Support.RepoPaths.Combine("scripts", "legacy_sender.py")),
            "scripts/legacy_sender.py (the peer in the original's format) is missing.");
        await TmuxScript.AssertPassesAsync("e2e-hostile-text", ScriptTimeout);
    }
}

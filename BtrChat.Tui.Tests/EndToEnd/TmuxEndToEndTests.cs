namespace BtrChat.Tests.EndToEnd;

/// <summary>
/// Runs scripts/e2e-tmux.sh: two real btrchat processes in 80x24 panes of a private tmux server chat with each
/// other through a local SQS emulator (handshake, safety codes, messages both ways, receipts, the quit question),
/// then quit with Ctrl-D. The script does the driving and the checking; this test asserts its verdict.
/// </summary>
public sealed class TmuxEndToEndTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public Task TwoRealProcesses_ChatThroughTheEmulator_AndQuitWithCtrlD() =>
        TmuxScript.AssertPassesAsync("e2e-tmux", ScriptTimeout);
}

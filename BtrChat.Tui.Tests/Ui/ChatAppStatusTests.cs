using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>The status bar as <see cref="ChatApp"/> keeps it: fitted to the screen, counting down, with the peer's last message.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ChatAppStatusTests : IDisposable
{
    private static readonly QueueNames LongQueues = new("alice-to-bob-production-chat.fifo", "bob-to-alice-production-chat.fifo");

    private readonly HeadlessApp _headless = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly RunningWindow _ui;

    public ChatAppStatusTests()
    {
        Chat = new ChatApp(_headless.App, SecurityMode.Legacy, LongQueues, () => throw new InvalidOperationException("no session here"), _time, Serilog.Core.Logger.None);
        _ui = new RunningWindow(Chat.Window, _headless);
    }

    private ChatApp Chat { get; }

    public void Dispose() => _ui.Dispose();

    [Fact]
    public void StatusBar_At80Columns_UsesEveryColumnLeftAndShowsTheTextUncut()
    {
        var statusRow = _headless.Screen()[^1];
        var text = Chat.Window.Status.Text;

        Assert.Equal(HeadlessApp.Columns - 16, text.Length);
        Assert.Contains(text, statusRow);
        Assert.StartsWith("LEGACY (insecure) | connecting | alice", text);
        Assert.EndsWith(".fifo", text);
        Assert.Contains("...", text);
    }

    [Fact]
    public void StatusBar_AfterAResize_FitsTheNewWidth()
    {
        _headless.Screen();

        _headless.App.Driver!.SetScreenSize(120, HeadlessApp.Rows);
        var statusRow = _headless.Screen()[^1];

        Assert.Contains("LEGACY (insecure) | connecting | alice-to-bob-production-chat.fifo > bob-to-alice-production-chat.fifo", statusRow);
    }

    [Fact]
    public void Offline_CountsDownEachSecond_ThenOnlineStopsTheCountdown()
    {
        Chat.Show(new ChatEvent.ConnectionChanged(new ConnectionStatus(ConnectionState.Offline, "cannot reach the SQS endpoint for 'x'", _time.GetUtcNow().AddSeconds(4))));
        Assert.Contains("offline, retrying in 4s", _headless.Screen()[^1]);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("offline, retrying in 3s", _headless.Screen()[^1]);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("offline, retrying in 2s", _headless.Screen()[^1]);

        Chat.Show(new ChatEvent.ConnectionChanged(ConnectionStatus.Online));
        Assert.Contains("| online |", _headless.Screen()[^1]);
        Assert.Equal(0, _time.ActiveTimers);
    }

    [Fact]
    public void Offline_TheReasonGoesToTheHistoryOncePerOutage_AndOnlineAgainIsSaid()
    {
        var reason = "cannot reach the SQS endpoint for 'x'";

        Chat.Show(new ChatEvent.ConnectionChanged(new ConnectionStatus(ConnectionState.Offline, reason, _time.GetUtcNow().AddSeconds(1))));
        Chat.Show(new ChatEvent.ConnectionChanged(new ConnectionStatus(ConnectionState.Offline, reason, _time.GetUtcNow().AddSeconds(2))));
        Chat.Show(new ChatEvent.ConnectionChanged(ConnectionStatus.Online));

        var rows = Chat.Window.History.Rows;
        Assert.Single(rows, r => r.Contains($"Offline: {reason}; retrying.", StringComparison.Ordinal));
        Assert.EndsWith("-!- Online again.", rows[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void PeerMessage_PutsItsTimeInTheStatusBar()
    {
        var sent = _time.GetUtcNow().AddMinutes(-2);

        Chat.Show(new ChatEvent.PeerMessage("hi", sent, null));

        Assert.Contains($"| peer {sent.ToLocalTime():HH:mm} |", _headless.Screen()[^1]);
    }
}

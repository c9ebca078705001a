using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>The status bar's text as a pure function of its facts, a width and the time.</summary>
public sealed class StatusLineTests
{
    private static readonly QueueNames LongQueues = new("alice-to-bob-production-chat.fifo", "bob-to-alice-production-chat.fifo");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_EverythingFits_ShowsModeHandshakeConnectionAndBothQueuesInFull()
    {
        var status = new StatusLine(SecurityMode.Pin, new QueueNames("a2b.fifo", "b2a.fifo"));
        status.SetSecurity(HandshakeState.Established, "1234 5678 9012");
        status.SetConnection(ConnectionStatus.Online);

        Assert.Equal("PIN secure 1234 5678 9012 | online | a2b.fifo > b2a.fifo", status.Format(80, Now));
    }

    [Fact]
    public void Format_ConnectingAtFirst_SaysConnecting()
    {
        var status = new StatusLine(SecurityMode.Legacy, new QueueNames("a", "b"));

        Assert.Equal("LEGACY (insecure) | connecting | a > b", status.Format(80, Now));
    }

    [Theory]
    [InlineData(0, "offline, retrying in 12s")]
    [InlineData(1000, "offline, retrying in 11s")]
    [InlineData(1500, "offline, retrying in 11s")]
    [InlineData(11_001, "offline, retrying in 1s")]
    [InlineData(12_000, "offline, retrying now")]
    [InlineData(30_000, "offline, retrying now")]
    public void Format_Offline_CountsDownTheSecondsToTheRetry(int elapsedMs, string expected)
    {
        var status = new StatusLine(SecurityMode.Pin, new QueueNames("a", "b"));
        status.SetConnection(new ConnectionStatus(ConnectionState.Offline, "cannot reach the SQS endpoint for 'a'", Now.AddSeconds(12)));

        var text = status.Format(80, Now.AddMilliseconds(elapsedMs));

        Assert.Contains($"| {expected} |", text);
        Assert.DoesNotContain("cannot reach", text);
    }

    [Fact]
    public void Format_Stopped_SaysStoppedAndHowToRetry()
    {
        var status = new StatusLine(SecurityMode.Pin, new QueueNames("a", "b"));
        status.SetConnection(new ConnectionStatus(ConnectionState.Stopped, "queue 'a' does not exist on this endpoint"));

        Assert.Contains("| stopped: /retry |", status.Format(80, Now));
    }

    [Fact]
    public void Format_AfterAPeerMessage_ShowsItsLocalTime_AndALateOlderMessageDoesNotMoveItBack()
    {
        var status = new StatusLine(SecurityMode.Pin, new QueueNames("a", "b"));
        var sent = Now.AddMinutes(-3);
        Assert.DoesNotContain("peer ", status.Format(80, Now));

        status.SetPeerMessage(sent);
        status.SetPeerMessage(sent.AddMinutes(-10));

        Assert.Contains($"| peer {sent.ToLocalTime():HH:mm} |", status.Format(80, Now));
    }

    [Fact]
    public void Format_PeerMessageFromAnotherDay_ShowsTheDateToo()
    {
        var status = new StatusLine(SecurityMode.Pin, new QueueNames("a", "b"));
        var sent = Now.AddDays(-2);

        status.SetPeerMessage(sent);

        Assert.Contains($"peer {sent.ToLocalTime():MM-dd HH:mm}", status.Format(80, Now));
    }

    [Theory]
    [InlineData(80)]
    [InlineData(90)]
    [InlineData(100)]
    public void Format_LongQueueNames_AreCutInTheMiddleToFitKeepingStartAndEnd(int width)
    {
        var status = new StatusLine(SecurityMode.Pin, LongQueues);
        status.SetSecurity(HandshakeState.Established, "1234 5678 9012");
        status.SetConnection(ConnectionStatus.Online);
        status.SetPeerMessage(Now);

        var text = status.Format(width, Now);

        Assert.True(text.Length <= width, $"{text.Length} columns: {text}");
        Assert.True(text.Length >= width - 1, $"room was wasted: {text}");
        Assert.StartsWith("PIN secure 1234 5678 9012 | online | peer ", text);
        var queues = text[(text.LastIndexOf(" | ", StringComparison.Ordinal) + 3)..].Split(" > ");
        Assert.All(queues, q => Assert.Contains("...", q));
        Assert.StartsWith("alice", queues[0]);
        Assert.EndsWith(".fifo", queues[0]);
        Assert.StartsWith("bob", queues[1]);
        Assert.EndsWith(".fifo", queues[1]);
    }

    [Fact]
    public void Format_OneShortQueueName_KeepsItWholeAndGivesTheRestToTheOther()
    {
        var status = new StatusLine(SecurityMode.Pin, new QueueNames("tx", "bob-to-alice-production-chat.fifo"));

        var text = status.Format(40, Now);

        Assert.Equal(40, text.Length);
        Assert.Contains("| tx > bob", text);
        Assert.EndsWith(".fifo", text);
    }

    [Fact]
    public void Format_TooNarrowForEvenShortenedNames_LeavesTheQueuesOutRatherThanShowingStubs()
    {
        var status = new StatusLine(SecurityMode.Pin, LongQueues);
        status.SetSecurity(HandshakeState.Established, "1234 5678 9012");
        status.SetConnection(ConnectionStatus.Online);
        status.SetPeerMessage(Now);

        var text = status.Format(64, Now);

        Assert.Equal("PIN secure 1234 5678 9012 | online | peer " + Now.ToLocalTime().ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), text);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(20)]
    [InlineData(10)]
    public void Format_Legacy_AtAnyWidth_StillLeadsWithLegacyInsecure(int width)
    {
        var status = new StatusLine(SecurityMode.Legacy, LongQueues);
        status.SetConnection(new ConnectionStatus(ConnectionState.Offline, "x", Now.AddSeconds(30)));
        status.SetPeerMessage(Now);

        Assert.StartsWith("LEGACY (insecure)", status.Format(width, Now));
    }

    [Fact]
    public void Format_EveryState_AtTheWidthAn80ColumnScreenLeaves_IsPlainAsciiWithTheStateInWords()
    {
        ConnectionStatus[] connections =
        [
            ConnectionStatus.Connecting, ConnectionStatus.Online,
            new(ConnectionState.Offline, "x", Now.AddSeconds(3)), new(ConnectionState.Stopped, "x"),
        ];
        HandshakeState?[] handshakes = [null, HandshakeState.WaitingForPeer, HandshakeState.Confirming, HandshakeState.Established, HandshakeState.Failed];
        foreach (var mode in Enum.GetValues<SecurityMode>())
        {
            foreach (var connection in connections)
            {
                foreach (var handshake in handshakes)
                {
                    var status = new StatusLine(mode, LongQueues);
                    status.SetConnection(connection);
                    if (handshake is { } state)
                    {
                        status.SetSecurity(state, "1234 5678 9012");
                    }

                    foreach (var width in new[] { 64, 200 })
                    {
                        var text = status.Format(width, Now);
                        Assert.All(text, c => Assert.InRange(c, ' ', '~'));
                        Assert.Contains(
                            connection.State switch
                            {
                                ConnectionState.Online => "online",
                                ConnectionState.Connecting => "connecting",
                                ConnectionState.Offline => "offline",
                                _ => "stopped",
                            },
                            text);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("alice-to-bob.fifo", 20, "alice-to-bob.fifo")]
    [InlineData("alice-to-bob.fifo", 17, "alice-to-bob.fifo")]
    [InlineData("alice-to-bob.fifo", 16, "alice-t...b.fifo")]
    [InlineData("alice-to-bob.fifo", 9, "ali...ifo")]
    [InlineData("alice-to-bob.fifo", 7, "al...fo")]
    public void Shorten_CutsTheMiddleWithThreeDots(string name, int max, string expected)
    {
        Assert.Equal(expected, StatusLine.Shorten(name, max));
    }

    [Fact]
    public void Text_UsesTheWidthAndClockItWasGiven()
    {
        var status = new StatusLine(SecurityMode.Pin, LongQueues) { Width = 50 };
        status.SetConnection(new ConnectionStatus(ConnectionState.Offline, "x", DateTimeOffset.UtcNow.AddHours(1)));

        Assert.Contains("retrying in 3600s", status.Text);
        Assert.True(status.Text.Length <= 50);
    }
}

using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>The window in the secure default mode: handshake state and safety code on screen, and Session info.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class PinModeWindowTests : IDisposable
{
    private readonly RunningWindow _ui = new(new ChatWindow(SecurityMode.Pin, new QueueNames("alice-tx", "bob-rx")));

    [Fact]
    public void StatusBar_BeforeTheHandshake_SaysWaitingForThePeer()
    {
        _ui.Window.SetSecurity(HandshakeState.WaitingForPeer, null);

        Assert.Contains("PIN waiting for peer", _ui.Headless.Screen()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void StatusBar_Established_ShowsTheSafetyCodeAtEightyColumns()
    {
        _ui.Window.SetSecurity(HandshakeState.Established, "1234 5678 9012");
        _ui.Window.SetConnection(ConnectionStatus.Online);

        var status = _ui.Headless.Screen()[^1];

        Assert.Contains("PIN secure 1234 5678 9012", status, StringComparison.Ordinal);
        Assert.Contains("online", status, StringComparison.Ordinal);
        Assert.DoesNotContain("LEGACY", status, StringComparison.Ordinal);
    }

    [Fact]
    public void StatusBar_LockedOut_SaysTheHandshakeFailed()
    {
        _ui.Window.SetSecurity(HandshakeState.Failed, null);

        Assert.Contains("HANDSHAKE FAILED", _ui.Headless.Screen()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void SessionInfo_Typed_ListsTheSafetyCodeToReadOut()
    {
        _ui.Window.SetSecurity(HandshakeState.Established, "1234 5678 9012");

        _ui.Headless.Enter("/info");

        Assert.IsType<ChatCommand.SessionInfo>(Assert.Single(_ui.Commands));
        _ui.Window.ShowSessionInfo();
        var screen = _ui.Headless.ScreenText();
        Assert.Contains("Safety code 1234 5678 9012", screen, StringComparison.Ordinal);
        Assert.Contains("alice-tx", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionInfo_BeforeTheHandshake_SaysThereIsNoCodeYet()
    {
        _ui.Window.ShowSessionInfo();

        Assert.Contains("no safety code yet", _ui.Headless.ScreenText(), StringComparison.Ordinal);
    }

    [Fact]
    public void OwnMessage_SentThenDelivered_ItsMarkChangesInPlace()
    {
        var at = DateTimeOffset.Now;
        var stamp = at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        _ui.Window.AppendOwn(7, "tracked", at);
        _ui.Window.AppendPeer("after it", at);

        _ui.Window.MarkSent(7);
        Assert.Contains($"{stamp} .<you> tracked", _ui.Headless.ScreenText(), StringComparison.Ordinal);
        _ui.Window.MarkDelivered(7);

        var screen = _ui.Headless.ScreenText();
        Assert.Contains($"{stamp} +<you> tracked", screen, StringComparison.Ordinal);
        Assert.Contains("<peer> after it", screen, StringComparison.Ordinal);
        Assert.Equal(2, _ui.Window.History.Count);
    }

    public void Dispose() => _ui.Dispose();
}

using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>The optional bell (config <c>notify: bell</c>): only for a peer's message that arrives out of sight.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ChatAppBellTests : IDisposable
{
    private readonly HeadlessApp _headless = new();
    private readonly RunningWindow _ui;
    private int _rings;

    public ChatAppBellTests()
    {
        Chat = new ChatApp(_headless.App, SecurityMode.Legacy, new QueueNames("a-tx", "a-rx"), () => throw new InvalidOperationException("no session here"), TimeProvider.System, Serilog.Core.Logger.None)
        {
            Bell = () => _rings++,
        };
        _ui = new RunningWindow(Chat.Window, _headless);
        _headless.Screen();
    }

    private ChatApp Chat { get; }

    public void Dispose() => _ui.Dispose();

    [Fact]
    public void PeerMessage_AtTheBottom_DoesNotRing()
    {
        Chat.Show(Peer("in sight"));

        Assert.Equal(0, _rings);
    }

    [Fact]
    public void PeerMessage_WhileScrolledUp_RingsOnce_NoticesDoNot()
    {
        for (var i = 0; i < 60; i++)
        {
            Chat.Show(Peer($"line {i}"));
        }

        _headless.Screen();
        Chat.Window.HistoryPane.ScrollToTop();
        Assert.True(Chat.Window.HistoryPane.IsScrolledUp);

        Chat.Show(Peer("out of sight"));
        Chat.Show(new ChatEvent.Notice("a notice"));

        Assert.Equal(1, _rings);
    }

    [Fact]
    public void PeerMessage_WhileScrolledUp_WithoutABell_IsSilent()
    {
        Chat.Bell = null;
        for (var i = 0; i < 60; i++)
        {
            Chat.Show(Peer($"line {i}"));
        }

        _headless.Screen();
        Chat.Window.HistoryPane.ScrollToTop();

        Chat.Show(Peer("out of sight"));

        Assert.Equal(0, _rings);
    }

    private static ChatEvent.PeerMessage Peer(string text) => new(text, DateTimeOffset.Now, null);
}

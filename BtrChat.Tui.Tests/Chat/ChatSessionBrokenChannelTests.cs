using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>
/// A secure channel must never throw from Open; if a defect makes one throw anyway, the session loses that one
/// message with a notice and goes on opening the next ones (it used to stop opening anything, silently).
/// </summary>
public sealed class ChatSessionBrokenChannelTests(SqsEmulator emulator)
{
    private const string Breaking = "this body breaks the channel";

    [Fact]
    public async Task ChannelThrowsOpeningOneMessage_ThatOneIsRejectedAndDeleted_TheNextIsShown()
    {
        var tx = await emulator.CreateQueueAsync("broken-tx", fifo: true);
        var rx = await emulator.CreateQueueAsync("broken-rx", fifo: true);
        using var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
        await using var session = new ChatSession(queue, new QueueNames(tx, rx), new ThrowsOn(Breaking, LegacyChannel.Create(new Pin("1234"))), TimeProvider.System, Serilog.Core.Logger.None);
        await using var sees = new EventRecorder(session);
        session.Start();
        using var sender = LegacyChannel.Create(new Pin("1234"));

        await emulator.SendRawAsync(rx, Breaking);
        await emulator.SendRawAsync(rx, sender.Seal("still here", DateTimeOffset.UtcNow)!);

        var rejected = await sees.WaitForAsync<ChatEvent.Rejected>();
        var shown = await sees.WaitForAsync<ChatEvent.PeerMessage>();
        Assert.Equal(RejectReason.Unreadable, rejected.Reason);
        Assert.Equal("still here", shown.Text);
        await WaitUntilEmptyAsync(rx);
    }

    private async Task WaitUntilEmptyAsync(string queueName)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await emulator.CountMessagesAsync(queueName) != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{queueName} still holds the broken message");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A real channel that breaks its own contract for one body.</summary>
    private sealed class ThrowsOn(string body, ISecureChannel inner) : ISecureChannel
    {
        public SecurityMode Mode => inner.Mode;

        public bool CanSeal => inner.CanSeal;

        public int MaxTextBytes => inner.MaxTextBytes;

        public bool Acknowledges => inner.Acknowledges;

        public IReadOnlyList<ChannelOutput> Start(DateTimeOffset now) => inner.Start(now);

        public IReadOnlyList<ChannelOutput> Open(string received, object? tag, DateTimeOffset now) =>
            received == body ? throw new InvalidOperationException("a defect") : inner.Open(received, tag, now);

        public string? Seal(string text, DateTimeOffset now, long localId = 0, Guid messageId = default) => inner.Seal(text, now, localId, messageId);

        public int SealedLength(int textBytes) => inner.SealedLength(textBytes);

        public void Shown(MessagePosition position) => inner.Shown(position);

        public IReadOnlyList<ChannelOutput> Tick(DateTimeOffset now) => inner.Tick(now);

        public IReadOnlyList<ChannelOutput> ChangePin(Pin pin, DateTimeOffset now) => inner.ChangePin(pin, now);

        public IReadOnlyList<ChannelOutput> Rebind(QueuePair queues, DateTimeOffset now) => inner.Rebind(queues, now);

        public void Dispose() => inner.Dispose();
    }
}

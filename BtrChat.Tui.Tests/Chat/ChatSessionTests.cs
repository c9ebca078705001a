using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

public sealed class ChatSessionTests(SqsEmulator emulator)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoSessions_SendEachOther_BothShowTheTextAndTheQueuesEndEmpty(bool fifo)
    {
        await using var pair = await ChatPair.StartAsync(emulator, fifo: fifo);

        var sent = pair.Alice.Send("hello bob");
        pair.Bob.Send("hello alice");

        Assert.Equal("hello bob", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        Assert.Equal("hello alice", (await pair.AliceSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == sent);
        await WaitUntilEmptyAsync(pair.AliceToBob);
        await WaitUntilEmptyAsync(pair.BobToAlice);
    }

    [Fact]
    public async Task Send_SeveralAtOnce_ArriveInTheOrderTyped()
    {
        await using var pair = await ChatPair.StartAsync(emulator);

        var texts = Enumerable.Range(1, 12).Select(i => $"line {i}").ToArray();
        foreach (var text in texts)
        {
            pair.Alice.Send(text);
        }

        var received = await pair.BobSees.WaitForCountAsync<ChatEvent.PeerMessage>(texts.Length);
        Assert.Equal(texts, received.Select(m => m.Text));
    }

    [Fact]
    public async Task Receive_BodyThatIsNotAToken_IsRejectedDeletedAndLaterMessagesStillArrive()
    {
        await using var pair = await ChatPair.StartAsync(emulator);

        await emulator.SendRawAsync(pair.AliceToBob, "hello, not a token");
        pair.Alice.Send("after the junk");

        var rejected = await pair.BobSees.WaitForAsync<ChatEvent.Rejected>();
        Assert.Equal(RejectReason.NotAToken, rejected.Reason);
        Assert.Equal("after the junk", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        Assert.Single(pair.BobSees.OfType<ChatEvent.PeerMessage>());
        await WaitUntilEmptyAsync(pair.AliceToBob);
    }

    [Fact]
    public async Task Receive_TokenUnderAnotherPin_IsRejectedAsWrongKeyAndDeleted()
    {
        await using var pair = await ChatPair.StartAsync(emulator, alicePin: "9999", bobPin: "1234");

        pair.Alice.Send("under the wrong pin");

        var rejected = await pair.BobSees.WaitForAsync<ChatEvent.Rejected>();
        Assert.Equal(RejectReason.WrongKey, rejected.Reason);
        Assert.Empty(pair.BobSees.OfType<ChatEvent.PeerMessage>());
        await WaitUntilEmptyAsync(pair.AliceToBob);
    }

    [Fact]
    public async Task SwapQueues_ConfigWrittenBackwards_ChatWorksAfterTheSwap()
    {
        await using var pair = await ChatPair.StartAsync(emulator, aliceConfigBackwards: true);

        pair.Alice.SwapQueues();
        var swapped = await pair.AliceSees.WaitForAsync<ChatEvent.QueuesChanged>();
        pair.Alice.Send("after swap");
        pair.Bob.Send("to alice");

        Assert.Equal(new QueueNames(pair.AliceToBob, pair.BobToAlice), swapped.Queues);
        Assert.Equal("after swap", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        Assert.Equal("to alice", (await pair.AliceSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        Assert.DoesNotContain(pair.AliceSees.OfType<ChatEvent.PeerMessage>(), m => m.Text == "after swap");
    }

    [Fact]
    public async Task ChangePin_NewPinOnBothSides_MessagesFlowUnderTheNewPin()
    {
        await using var pair = await ChatPair.StartAsync(emulator);

        pair.Alice.ChangePin(new Pin("4321"));
        pair.Bob.ChangePin(new Pin("4321"));
        pair.Alice.Send("new pin");

        Assert.Equal("new pin", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        await pair.AliceSees.WaitForAsync<ChatEvent.Notice>(n => n.Text == Notices.PinChanged(SecurityMode.Legacy));
    }

    [Fact]
    public async Task Start_RxQueueMissing_StopsWithOneLineNamingTheQueue()
    {
        var tx = await emulator.CreateQueueAsync("tx-only", fifo: true);
        using var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
        await using var session = new ChatSession(queue, new QueueNames(tx, "missing-rx.fifo"), LegacyChannel.Create(new Pin("1234")), TimeProvider.System, Serilog.Core.Logger.None);
        await using var sees = new EventRecorder(session);
        session.Start();

        var stopped = await sees.WaitForAsync<ChatEvent.ConnectionChanged>(c => c.Status.State == ConnectionState.Stopped);

        Assert.Contains("missing-rx.fifo", stopped.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', stopped.Status.Detail!);
    }

    private async Task WaitUntilEmptyAsync(string queueName)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        int count;
        while ((count = await emulator.CountMessagesAsync(queueName)) != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, count);
    }
}

using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>The secure default mode end to end through the emulator: handshake, safety code, restarts, wrong PINs.</summary>
public sealed class PinModeSessionTests(SqsEmulator emulator)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FreshPair_Handshake_SameSafetyCodeOnBothSidesAndMessagesFlowBothWays(bool fifo)
    {
        await using var pair = await ChatPair.StartAsync(emulator, fifo: fifo, mode: SecurityMode.Pin);

        var aliceCode = await EstablishedCodeAsync(pair.AliceSees);
        var bobCode = await EstablishedCodeAsync(pair.BobSees);
        pair.Alice.Send("hello bob");
        pair.Bob.Send("hello alice");

        Assert.Equal(aliceCode, bobCode);
        Assert.Equal("hello bob", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        Assert.Equal("hello alice", (await pair.AliceSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
    }

    [Fact]
    public async Task Send_PeerShowsIt_ReceiptMarksItDelivered()
    {
        await using var pair = await ChatPair.StartAsync(emulator, mode: SecurityMode.Pin);
        await EstablishedCodeAsync(pair.AliceSees);

        var first = pair.Alice.Send("one");
        var second = pair.Alice.Send("two");

        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageDelivered>(d => d.LocalId == first);
        await pair.AliceSees.WaitForAsync<ChatEvent.OwnMessageDelivered>(d => d.LocalId == second);
        Assert.Empty(pair.BobSees.OfType<ChatEvent.Rejected>());
        Assert.Empty(pair.BobSees.OfType<ChatEvent.Missing>());
    }

    [Fact]
    public async Task TextTypedBeforeTheHandshake_WaitsAndIsDeliveredOnceEstablished()
    {
        await using var pair = await ChatPair.StartAsync(emulator, mode: SecurityMode.Pin, startBob: false);

        pair.Alice.Send("typed early");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Empty(pair.AliceSees.OfType<ChatEvent.OwnMessageSent>());
        await pair.StartBobAsync();

        Assert.Equal("typed early", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
    }

    [Fact]
    public async Task DifferentPins_BothShowTheMismatchAndNoTextCrosses()
    {
        await using var pair = await ChatPair.StartAsync(emulator, alicePin: "1111", bobPin: "2222", mode: SecurityMode.Pin);

        pair.Alice.Send("must not cross");
        var aliceSaw = await pair.AliceSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        var bobSaw = await pair.BobSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        Assert.Contains("typo", aliceSaw.Text, StringComparison.Ordinal);
        Assert.Contains("typo", bobSaw.Text, StringComparison.Ordinal);
        Assert.Empty(pair.BobSees.OfType<ChatEvent.PeerMessage>());
        Assert.Empty(pair.AliceSees.OfType<ChatEvent.OwnMessageSent>());
        Assert.DoesNotContain(pair.AliceSees.OfType<ChatEvent.SecurityChanged>(), s => s.State == HandshakeState.Established);
    }

    [Fact]
    public async Task BobStartsSecondsAfterAlice_HelloWaitedInTheQueue_HandshakeCompletes()
    {
        await using var pair = await ChatPair.StartAsync(emulator, mode: SecurityMode.Pin, startBob: false);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        await pair.StartBobAsync();

        Assert.Equal(await EstablishedCodeAsync(pair.AliceSees), await EstablishedCodeAsync(pair.BobSees));
    }

    [Fact]
    public async Task BobRestarts_BothSidesMoveToANewSessionWithANewSafetyCode()
    {
        await using var pair = await ChatPair.StartAsync(emulator, mode: SecurityMode.Pin);
        var firstCode = await EstablishedCodeAsync(pair.AliceSees);
        await EstablishedCodeAsync(pair.BobSees);

        await pair.StopBobAsync();
        await pair.StartBobAsync();

        // Bob's old long poll may have been handed a frame as it died; SQS shows it again after the visibility timeout.
        var restartBound = TimeSpan.FromSeconds(SqsMessageQueue.VisibilityTimeoutSeconds + 15);
        var bobCode = (await pair.BobSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established, restartBound)).SafetyCode;
        var renewed = await pair.AliceSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established && s.SafetyCode != firstCode, restartBound);
        pair.Alice.Send("after the restart");

        Assert.Equal(bobCode, renewed.SafetyCode);
        await pair.AliceSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith("New session", StringComparison.Ordinal));
        Assert.Equal("after the restart", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
    }

    [Fact]
    public async Task KeyFileMode_SameKeyOnBothSides_HandshakeCompletesAndMessagesFlow()
    {
        var key = KeyFile.Generate();
        await using var pair = await ChatPair.StartAsync(emulator, alicePin: key, bobPin: key, mode: SecurityMode.KeyFile);

        Assert.Equal(await EstablishedCodeAsync(pair.AliceSees), await EstablishedCodeAsync(pair.BobSees));
        pair.Alice.Send("keyed");
        Assert.Equal("keyed", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
    }

    [Fact]
    public async Task KeyFileMode_DifferentKeys_BothShowTheMismatch()
    {
        await using var pair = await ChatPair.StartAsync(emulator, alicePin: KeyFile.Generate(), bobPin: KeyFile.Generate(), mode: SecurityMode.KeyFile);

        await pair.AliceSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        await pair.BobSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
    }

    private static async Task<string> EstablishedCodeAsync(EventRecorder sees) =>
        (await sees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established)).SafetyCode!;
}

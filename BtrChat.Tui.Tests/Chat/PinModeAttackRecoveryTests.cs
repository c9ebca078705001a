using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Chat;

/// <summary>
/// Two real sessions getting back together after a failed attempt, through the emulator: the user's fix (PIN
/// re-entry) and the honest peer arriving while an intruder's failure still delays answers must both end in one
/// working session, on both sides.
/// </summary>
public sealed class PinModeAttackRecoveryTests(SqsEmulator emulator)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task PinMismatchThenOneSideReentersTheRightPin_HandshakeCompletesWithThePeerStillRunning()
    {
        // What the mismatch notice suggests ("a typo"): Alice fixes her PIN; Bob's process keeps running.
        await using var pair = await ChatPair.StartAsync(
            emulator, alicePin: "1111", bobPin: "2222", mode: SecurityMode.Pin, policy: PinModeAttackVictim.ShortPolicy);
        await pair.AliceSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        await pair.BobSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));

        pair.Alice.ChangePin(new Pin("2222"));

        var alice = await pair.AliceSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established, Settle);
        var bob = await pair.BobSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established, Settle);
        pair.Alice.Send("after the fix");

        Assert.Equal(alice.SafetyCode, bob.SafetyCode);
        Assert.Equal("after the fix", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
    }

    [Fact]
    public async Task PeerArrivesWhileAnIntrudersFailureDelaysAnswers_TextTypedEarly_BothEstablishAndTheTextArrives()
    {
        // An intruder with a wrong PIN takes part in one handshake with Alice: a failed attempt, so Alice answers
        // the next hello only after the back-off. Bob starts during it; when Alice answers his hello, his confirm is
        // already there, so she answers and verifies in one step. (Back-off shorter than the confirm timeout, as in
        // the default policy.)
        var policy = PinModeAttackVictim.ShortPolicy with { ConfirmTimeout = TimeSpan.FromSeconds(4), FirstRetryDelay = TimeSpan.FromSeconds(2) };
        await using var pair = await ChatPair.StartAsync(emulator, mode: SecurityMode.Pin, policy: policy, startBob: false);
        using var intruder = await ScriptedPeer.ConnectAsync(emulator, tx: pair.BobToAlice, rx: pair.AliceToBob, pin: "9999");
        await intruder.StartAsync();
        foreach (var body in await intruder.DrainBodiesAsync())
        {
            await emulator.SendRawAsync(pair.AliceToBob, body); // put back, for Bob
            foreach (var send in intruder.Channel.Open(body, null, DateTimeOffset.UtcNow).OfType<ChannelOutput.Send>())
            {
                await intruder.SendRawAsync(send.Body);
            }
        }

        await pair.AliceSees.WaitForAsync<ChatEvent.Notice>(n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        pair.Alice.Send("typed early");

        await pair.StartBobAsync();

        var alice = await pair.AliceSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established, Settle);
        var bob = await pair.BobSees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established, Settle);
        Assert.Equal(alice.SafetyCode, bob.SafetyCode);
        Assert.Equal("typed early", (await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>()).Text);
        Assert.Empty(pair.BobSees.OfType<ChatEvent.Rejected>());
    }
}

using System.Buffers.Binary;
using BtrChat.Chat;
using BtrChat.Crypto;
using BtrChat.Protocol;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Chat;

/// <summary>
/// Attacks on the data path of pin mode, fed through the real pipeline against the emulator: a real session is the
/// victim, a <see cref="ScriptedPeer"/> puts bodies into its rx queue. Reflection, duplicates, replays within and
/// across sessions, tampering.
/// </summary>
public sealed class PinModeAttackTokenTests(SqsEmulator emulator)
{
    [Fact]
    public async Task OwnTokenReflectedIntoTheRxQueue_IsRejectedAsNotThisSessionAndDeleted()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var attacker = await victim.EstablishWithPeerAsync();

        var id = victim.Session.Send("mine, reflected");
        await victim.Sees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == id);
        var own = Assert.Single(await attacker.DrainBodiesAsync(), b => WireBody.Classify(b) == WireBodyKind.Token);
        await attacker.SendRawAsync(own);

        var rejected = await victim.Sees.WaitForAsync<ChatEvent.Rejected>();
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(RejectReason.NotThisSession, rejected.Reason);
        Assert.Empty(victim.Shown);
    }

    [Fact]
    public async Task OwnHandshakeFramesReflected_VictimNeverAnswersItself()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var reflector = await victim.ConnectPeerAsync();

        // Everything the victim sends goes straight back into its rx queue, for longer than a confirmation may take.
        var reflected = new List<string>();
        var until = DateTimeOffset.UtcNow + PinModeAttackVictim.ShortPolicy.ConfirmTimeout + TimeSpan.FromSeconds(1);
        while (DateTimeOffset.UtcNow < until)
        {
            foreach (var body in await reflector.DrainBodiesAsync())
            {
                reflected.Add(body);
                await reflector.SendRawAsync(body);
            }
        }

        await victim.WaitUntilRxEmptyAsync();

        Assert.NotEmpty(reflected);
        Assert.All(reflected, b => Assert.Equal(EnvelopeKind.Hello, ScriptedPeer.HandshakeFrame(b)?.Kind));
        Assert.All(victim.Sees.OfType<ChatEvent.SecurityChanged>(), s => Assert.Equal(HandshakeState.WaitingForPeer, s.State));
        Assert.DoesNotContain(victim.NoticeTexts, n => n.Contains("(failed attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameTokenDeliveredTwice_IsShownOnceWithoutANotice()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: false);
        using var peer = await victim.EstablishWithPeerAsync();

        var once = peer.Seal("once");
        await peer.SendRawAsync(once);
        await peer.SendRawAsync(once);
        await peer.SendTextAsync("after");
        await victim.WaitForShownAsync("after");
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(["once", "after"], victim.Shown);
        Assert.Empty(victim.Sees.OfType<ChatEvent.Rejected>());
    }

    [Fact]
    public async Task OldTokensReplayedLaterInTheSession_EachShownOnceInOrder()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: false);
        using var peer = await victim.EstablishWithPeerAsync();

        var first = await peer.SendTextAsync("one");
        var second = await peer.SendTextAsync("two");
        await peer.SendTextAsync("three");
        await victim.WaitForShownAsync("three");
        await peer.SendRawAsync(first);
        await peer.SendRawAsync(second);
        await peer.SendTextAsync("four");
        await victim.WaitForShownAsync("four");
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(["one", "two", "three", "four"], victim.Shown);
        Assert.Empty(victim.Sees.OfType<ChatEvent.Rejected>());
    }

    [Fact]
    public async Task TokenOfAnEarlierSession_AfterThePeerMovedToANewSession_IsRejectedAsNotThisSession()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: false);
        using var peer = await victim.EstablishWithPeerAsync();
        var firstCode = peer.Channel.SafetyCode;
        var old = await peer.SendTextAsync("old session");
        await victim.WaitForShownAsync("old session");

        peer.Restart();
        await peer.StartAsync();
        await peer.PumpUntilEstablishedAsync();
        var secondCode = await victim.EstablishedCodeAsync(not: firstCode);
        await peer.SendRawAsync(old);
        var rejected = await victim.Sees.WaitForAsync<ChatEvent.Rejected>();
        await peer.SendTextAsync("new session");
        await victim.WaitForShownAsync("new session");
        await victim.WaitUntilRxEmptyAsync();

        Assert.Equal(peer.Channel.SafetyCode, secondCode);
        Assert.Contains(victim.NoticeTexts, n => n.StartsWith("New session", StringComparison.Ordinal));
        Assert.Equal(RejectReason.NotThisSession, rejected.Reason);
        Assert.Single(victim.Sees.OfType<ChatEvent.Rejected>());
        Assert.Equal(["old session", "new session"], victim.Shown);
    }

    [Theory]
    [InlineData("a character in the middle")]
    [InlineData("the timestamp, an hour back")]
    public async Task TamperedToken_IsRejectedAndTheGenuineMessagesStillShow(string tampered)
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true);
        using var peer = await victim.EstablishWithPeerAsync();

        var genuine = peer.Seal("genuine");
        await peer.SendRawAsync(Tamper(genuine, tampered));
        await peer.SendRawAsync(genuine);
        await peer.SendTextAsync("next");
        var shown = await victim.WaitForShownAsync("genuine");
        await victim.WaitForShownAsync("next");
        await victim.WaitUntilRxEmptyAsync();

        var rejected = Assert.Single(victim.Sees.OfType<ChatEvent.Rejected>());
        Assert.NotEqual(RejectReason.None, rejected.Reason);
        Assert.Equal(["genuine", "next"], victim.Shown);
        Assert.True(DateTimeOffset.UtcNow - shown.SentAt < TimeSpan.FromMinutes(1), $"shown as sent at {shown.SentAt}");
    }

    /// <summary>
    /// A character flipped in the ciphertext; or the token's timestamp, which the envelope inside does not repeat, so
    /// only the token's MAC can tell that it was moved.
    /// </summary>
    private static string Tamper(string token, string what)
    {
        if (what.StartsWith("a character", StringComparison.Ordinal))
        {
            var chars = token.ToCharArray();
            var middle = chars.Length / 2;
            chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
            return new string(chars);
        }

        var bytes = new byte[PaddedBase64Url.GetMaxDecodedLength(token.Length)];
        Assert.True(PaddedBase64Url.TryDecode(token, bytes, out var length));
        var stamp = BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(1, sizeof(ulong)));
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1, sizeof(ulong)), stamp - 3600);
        return PaddedBase64Url.Encode(bytes.AsSpan(0, length));
    }
}

using System.Diagnostics;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;

namespace BtrChat.Tests.Chat;

/// <summary>
/// An online PIN guesser through the real pipeline: each answered hello lets its sender test one PIN against the
/// victim's confirmation, so every answer that does not end in a verified confirm is a failed attempt, shown;
/// answers slow down after each, and stop after a few until the user re-enters the PIN.
/// </summary>
public sealed class PinModeAttackGuessingTests(SqsEmulator emulator)
{
    /// <summary>
    /// Confirmations time out after a second, so three guesses fit in a short test. The session ticks once a second,
    /// so an answer waits for the first tick at or after its time; a delay of 1.5 s, then 3 s, keeps both waits apart
    /// from whole seconds and from each other.
    /// </summary>
    private static readonly HandshakePolicy Policy = PinModeAttackVictim.ShortPolicy with
    {
        ConfirmTimeout = TimeSpan.FromSeconds(1),
        FirstRetryDelay = TimeSpan.FromSeconds(1.5),
    };

    /// <summary>What the clock granularity can take off a delay: the failure is noted at a tick, then shown.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task GuessingAttacker_HellosNeverConfirmed_EachCountsAnswersSlowDownThenStopUntilThePinIsReentered()
    {
        await using var victim = await PinModeAttackVictim.StartAsync(emulator, fifo: true, Policy);

        // Each guess is a new process with a wrong PIN: one fresh hello, then it reads the victim's answer (its
        // confirmation, against which it can test the PIN offline) and never confirms.
        using var first = await GuessAsync(victim, "0001");
        Assert.NotNull(await first.WaitForAnswerAsync(TimeSpan.FromSeconds(5)));
        var failed1 = await victim.WaitForNoticeAsync("(failed attempt 1 of 3)");

        using var second = await GuessAsync(victim, "0002");
        var answer2 = await second.WaitForAnswerAsync(TimeSpan.FromSeconds(10));
        var failed2 = await victim.WaitForNoticeAsync("(failed attempt 2 of 3)");

        using var third = await GuessAsync(victim, "0003");
        var answer3 = await third.WaitForAnswerAsync(TimeSpan.FromSeconds(10));
        var failed3 = await victim.WaitForNoticeAsync("(failed attempt 3 of 3)");
        var stopped = await victim.WaitForNoticeAsync("Stopped answering");
        await victim.Sees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Failed);

        using var fourth = await GuessAsync(victim, "0004");
        var answer4 = await fourth.WaitForAnswerAsync(TimeSpan.FromSeconds(2.5));

        // The hellos right after a failure were answered only once the doubling delay had passed.
        Assert.NotNull(answer2);
        Assert.NotNull(answer3);
        var wait2 = Stopwatch.GetElapsedTime(victim.ShownAt(failed1), answer2.Value);
        var wait3 = Stopwatch.GetElapsedTime(victim.ShownAt(failed2), answer3.Value);
        Assert.True(wait2 >= Policy.FirstRetryDelay - Slack, $"second guess answered {wait2} after the first failure");
        Assert.True(wait3 >= (Policy.FirstRetryDelay * 2) - Slack, $"third guess answered {wait3} after the second failure");
        Assert.StartsWith("A handshake was not confirmed", failed3.Text, StringComparison.Ordinal);
        Assert.StartsWith("Stopped answering handshakes after 3 failed attempts", stopped.Text, StringComparison.Ordinal);
        Assert.Null(answer4);
        Assert.Equal(3, victim.NoticeTexts.Count(n => n.Contains("(failed attempt", StringComparison.Ordinal)));
        Assert.Empty(victim.EstablishedCodes);

        // The user acts: re-entering the PIN forgives the failures, and the honest peer gets through.
        victim.Session.ChangePin(new Pin("1234"));
        using var honest = await victim.ConnectPeerAsync();
        await honest.StartAsync();
        await honest.PumpUntilEstablishedAsync();

        Assert.Equal(honest.Channel.SafetyCode, await victim.EstablishedCodeAsync());
        await honest.SendTextAsync("let in after the PIN was re-entered");
        await victim.WaitForShownAsync("let in after the PIN was re-entered");
    }

    private static async Task<ScriptedPeer> GuessAsync(PinModeAttackVictim victim, string pin)
    {
        var guesser = await victim.ConnectPeerAsync(pin);
        await guesser.StartAsync();
        return guesser;
    }
}

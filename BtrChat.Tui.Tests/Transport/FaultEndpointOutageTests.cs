using BtrChat.Chat;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

/// <summary>
/// The endpoint goes away and comes back, for real: the emulator process is killed under two running sessions and
/// started again on the same port with the same queues.
/// </summary>
public sealed class FaultEndpointOutageTests
{
    /// <summary>QueuePoller's backoff: the first delay's ceiling, doubling per failure.</summary>
    private static readonly TimeSpan FirstCeiling = TimeSpan.FromSeconds(1);

    /// <summary>How late the front end may see an event after the session made it (the pump, a loaded machine).</summary>
    private static readonly TimeSpan Delivery = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task EndpointKilledAndRestarted_GoesOfflineWithGrowingRetries_ThenMessagesTypedMeanwhileGoOutInOrderOnce()
    {
        var aliceToBob = $"a2b-{Guid.NewGuid():N}.fifo";
        var bobToAlice = $"b2a-{Guid.NewGuid():N}.fifo";
        await using var emulator = await PrivateEmulator.StartAsync([aliceToBob, bobToAlice]);
        await using var alice = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(aliceToBob, bobToAlice));
        await using var bob = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(bobToAlice, aliceToBob));
        alice.Session.Send("before");
        await bob.Sees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == "before");

        await emulator.KillAsync();
        var during = alice.Session.Send("during the outage");
        var alsoDuring = alice.Session.Send("also during it");

        // Three failed attempts: the cut long poll, then two retries refused.
        var offline = await bob.WaitForStateAsync(ConnectionState.Offline, count: 3, TimeSpan.FromSeconds(10));
        await emulator.RestartAsync();
        var lastRetry = offline[^1].Status.RetryAt!.Value;
        var online = await bob.WaitForStateAsync(ConnectionState.Online, count: 2, lastRetry - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5));
        var after = alice.Session.Send("after the outage");

        await bob.Sees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == "after the outage");
        foreach (var id in new[] { during, alsoDuring, after })
        {
            await alice.Sees.WaitForAsync<ChatEvent.OwnMessageSent>(s => s.LocalId == id);
        }

        // Typed while the endpoint was gone: kept pending, never failed, sent once it answered, in the order typed.
        Assert.Empty(alice.Sees.OfType<ChatEvent.OwnMessageFailed>());
        Assert.Equal(
            ["before", "during the outage", "also during it", "after the outage"],
            bob.Sees.OfType<ChatEvent.PeerMessage>().Select(m => m.Text));

        // Offline, with a reason and the next retry, as the status bar shows it.
        foreach (var (seenAt, status) in offline)
        {
            Assert.False(string.IsNullOrWhiteSpace(status.Detail));
            Assert.Contains(aliceToBob, status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', status.Detail!);
            Assert.NotNull(status.RetryAt);
            Assert.True(status.RetryAt > seenAt, $"RetryAt {status.RetryAt:O} is not after the event arrived at {seenAt:O}");
            Assert.Contains($"retrying at {status.RetryAt.Value.ToLocalTime():HH:mm:ss}", Notices.Connection(status), StringComparison.Ordinal);
        }

        // Exponential backoff with jitter: failure k waits between half its ceiling and its ceiling (1 s, 2 s, 4 s).
        for (var k = 0; k < offline.Count; k++)
        {
            var ceiling = FirstCeiling * Math.Pow(2, k);
            var delay = offline[k].Status.RetryAt!.Value - offline[k].SeenAt;
            Assert.InRange(delay, (ceiling / 2) - Delivery, ceiling);
        }

        // So the retries spread out: each gap between retry times is at least the previous attempt's whole ceiling.
        for (var k = 1; k < offline.Count; k++)
        {
            var gap = offline[k].Status.RetryAt!.Value - offline[k - 1].Status.RetryAt!.Value;
            Assert.True(gap >= FirstCeiling * Math.Pow(2, k - 1), $"retry {k + 1} came {gap} after retry {k}");
        }

        // Online again at the next retry, not when a long poll happens to return.
        var recovered = online[^1].SeenAt;
        Assert.InRange(recovered, offline[^1].SeenAt, lastRetry + TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(bob.Connection, c => c.Status.State == ConnectionState.Stopped);
    }
}

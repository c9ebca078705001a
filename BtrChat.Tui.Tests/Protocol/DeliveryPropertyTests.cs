using System.Diagnostics;
using BtrChat.Protocol;
using CsCheck;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// The delivery guarantee as a property: whatever the network does to the bodies in either direction (duplicates,
/// reorders, delays, loses, or SQS refuses a send for a while), every message is shown once, in order once late
/// arrivals are put in their markers, no marker stays open, and every message ends delivered on the sender's side.
/// </summary>
/// <remarks>
/// The one assumption, as <see cref="DeliverySimulation"/> enforces it: loss is never total. When Alice has made her
/// last copy of a message (the first send and <see cref="OutboxPolicy.MaxResends"/> resends) and none is in flight,
/// and every copy was lost, one lost copy arrives after all; likewise, when Bob has shown a message that Alice will
/// send no more copies of and no receipt covering it is in flight, one lost receipt covering it arrives after all.
/// Anything short of that may be lost.
/// </remarks>
public sealed class DeliveryPropertyTests(ITestOutputHelper output)
{
    private const int Schedules = 10_000;

    [Fact]
    public void AnyScheduleOfDuplicationReorderingDelayAndLimitedLoss_10000Schedules_EachMessageShownOnceInOrderAndDelivered()
    {
        var coverage = new Coverage();
        var clock = Stopwatch.StartNew();

        DeliverySchedule.Generator.Sample(
            schedule =>
            {
                using var simulation = DeliverySimulation.Run(schedule);
                AssertDelivered(schedule, simulation);
                return coverage.Count(simulation);
            },
            writeLine: output.WriteLine,
            iter: Schedules,
            print: schedule => schedule.ToString());

        output.WriteLine($"{Schedules} schedules in {clock.Elapsed.TotalSeconds:0.0} s; {coverage}");

        // A property that only ever met a clean network would prove nothing: every fault must have been exercised.
        Assert.True(coverage.LateFills > Schedules / 100, $"too few runs with a late arrival filling its marker: {coverage}");
        Assert.True(coverage.Resends > Schedules / 10, $"too few runs with a resend: {coverage}");
        Assert.True(coverage.Duplicates > Schedules / 10, $"too few runs with duplicates: {coverage}");
        Assert.True(coverage.Refusals > Schedules / 10, $"too few runs with a transient refusal: {coverage}");
        Assert.True(coverage.GivenBack > Schedules / 100, $"too few runs that lost every copy of something: {coverage}");
    }

    /// <summary>The property itself; a failure carries the run's trace, printed with the shrunk schedule.</summary>
    private static void AssertDelivered(DeliverySchedule schedule, DeliverySimulation simulation)
    {
        var expected = Enumerable.Range(1, schedule.Messages).Select(i => DeliverySimulation.Text(i)).ToArray();
        var failures = new List<string>(simulation.Problems);
        if (!simulation.Settled)
        {
            failures.Add($"not settled after {DeliverySimulation.Limit}: {simulation.Outbox.Undelivered} undelivered");
        }

        var shown = simulation.Transcript.OfType<ChannelOutput.Message>().Select(m => m.Text).ToArray();
        foreach (var text in expected.Where(t => shown.Count(s => s == t) != 1))
        {
            failures.Add($"{text} shown {shown.Count(s => s == text)} times");
        }

        var (placed, open) = PlaceLateArrivals(simulation.Transcript, failures);
        if (!placed.SequenceEqual(expected))
        {
            failures.Add($"transcript with late arrivals in their markers is [{string.Join(", ", placed)}]");
        }

        failures.AddRange(open.Select(gap => $"marker at {gap.First} still missing something"));
        if (simulation.Outbox.Undelivered != 0)
        {
            failures.Add($"{simulation.Outbox.Undelivered} message(s) never delivered on Alice's side");
        }

        foreach (var text in expected)
        {
            var states = simulation.Updates.Where(u => DeliverySimulation.Text(u.LocalId) == text).Select(u => u.State).ToArray();
            if (!states.SequenceEqual([OwnMessageState.Sent, OwnMessageState.Delivered]))
            {
                failures.Add($"Alice showed {text} as {string.Join(" → ", states)}, not Sent → Delivered");
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail($"{string.Join(Environment.NewLine, failures)}{Environment.NewLine}Trace:{Environment.NewLine}{simulation.Trace}");
        }
    }

    /// <summary>
    /// Rebuilds the conversation as the reader sees it once every late arrival sits in the marker it names, in
    /// sequence order within the marker; also returns the markers not completely filled.
    /// </summary>
    private static (List<string> Placed, List<GapId> Open) PlaceLateArrivals(IEnumerable<ChannelOutput> transcript, List<string> failures)
    {
        List<object> slots = [];
        Dictionary<GapId, (ChannelOutput.Missing Marker, SortedDictionary<ulong, string> Fills)> markers = [];
        foreach (var output in transcript)
        {
            switch (output)
            {
                case ChannelOutput.Missing missing when markers.TryAdd(missing.Gap, (missing, [])):
                    slots.Add(missing.Gap);
                    break;
                case ChannelOutput.Missing missing:
                    failures.Add($"two markers named {missing.Gap}");
                    break;
                case ChannelOutput.Message { Fills: null } message:
                    slots.Add(message.Text);
                    break;
                case ChannelOutput.Message { Fills: { } late } message when markers.TryGetValue(late.Gap, out var marker)
                    && late.Sequence >= marker.Marker.Gap.First && late.Sequence < marker.Marker.Gap.First + marker.Marker.Count
                    && marker.Fills.TryAdd(late.Sequence, message.Text):
                    // Within one session Alice seals in the order typed, so a message's sequence number is its local id.
                    if (message.Text != DeliverySimulation.Text((long)late.Sequence))
                    {
                        failures.Add($"{message.Text} fills place {late.Sequence}");
                    }

                    break;
                case ChannelOutput.Message message:
                    failures.Add($"{message.Text} fills {message.Fills}, no such place in a marker shown before it");
                    break;
            }
        }

        var placed = slots.SelectMany(slot => slot is GapId gap ? markers[gap].Fills.Values : (IEnumerable<string>)[(string)slot]).ToList();
        var open = markers.Values.Where(m => (ulong)m.Fills.Count != m.Marker.Count).Select(m => m.Marker.Gap).ToList();
        return (placed, open);
    }

    /// <summary>How many runs met each fault, to show the generator reaches them; thread-safe, as CsCheck samples in parallel.</summary>
    private sealed class Coverage
    {
        private int _lateFills;
        private int _resends;
        private int _duplicates;
        private int _refusals;
        private int _givenBack;

        public int LateFills => _lateFills;

        public int Resends => _resends;

        public int Duplicates => _duplicates;

        public int Refusals => _refusals;

        public int GivenBack => _givenBack;

        /// <summary>Counts the run and names its most telling fault, for CsCheck's classification table.</summary>
        public string Count(DeliverySimulation run)
        {
            var late = run.Transcript.OfType<ChannelOutput.Message>().Any(m => m.Fills is not null);
            Increment(ref _lateFills, late);
            Increment(ref _resends, run.ResendsSent > 0);
            Increment(ref _duplicates, run.Duplicated > 0);
            Increment(ref _refusals, run.Refusals > 0);
            Increment(ref _givenBack, run.GivenBack > 0);
            return late ? "late arrival in a marker"
                : run.GivenBack > 0 ? "every copy lost but the one given back"
                : run.ResendsSent > 0 ? "resent"
                : run.Duplicated > 0 ? "duplicated"
                : run.Refusals > 0 ? "refused for a while"
                : "one copy each";
        }

        public override string ToString() =>
            $"late fills {LateFills}, resends {Resends}, duplicates {Duplicates}, refusals {Refusals}, given back {GivenBack}";

        private static void Increment(ref int counter, bool happened)
        {
            if (happened)
            {
                Interlocked.Increment(ref counter);
            }
        }
    }
}

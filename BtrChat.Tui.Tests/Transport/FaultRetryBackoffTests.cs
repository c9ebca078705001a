using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

/// <summary>The backoff the poller and the session use: 1 s doubling to 60 s, each delay jittered into [ceiling/2, ceiling].</summary>
public sealed class FaultRetryBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    /// <summary>1, 2, 4, 8, 16, 32, then 60 from there on.</summary>
    private static TimeSpan Ceiling(int failure) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failure)));

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20261127)]
    public void Next_SeededRandom_EveryDelayLiesBetweenHalfItsCeilingAndTheCeiling(int seed)
    {
        var backoff = new RetryBackoff(First, Cap, new Random(seed));

        for (var failure = 0; failure < 40; failure++)
        {
            Assert.InRange(backoff.Next(), Ceiling(failure) / 2, Ceiling(failure));
        }
    }

    [Fact]
    public void Next_LowestAndHighestJitter_CeilingsDoubleFromOneSecondAndStopAtTheCap()
    {
        var lowest = new RetryBackoff(First, Cap, new FixedRandom(0.0));
        var highest = new RetryBackoff(First, Cap, new FixedRandom(1.0));

        var floors = Enumerable.Range(0, 12).Select(_ => lowest.Next().TotalSeconds).ToArray();
        var ceilings = Enumerable.Range(0, 12).Select(_ => highest.Next().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60], ceilings);
        Assert.Equal(ceilings.Select(c => c / 2), floors);
    }

    [Fact]
    public void Next_ManyFailures_NeverExceedsTheCapOrOverflows()
    {
        var backoff = new RetryBackoff(First, Cap, new FixedRandom(1.0));

        var delays = Enumerable.Range(0, 10_000).Select(_ => backoff.Next()).ToArray();

        Assert.All(delays[10..], d => Assert.Equal(Cap, d));
    }

    [Fact]
    public void Next_SeededRandom_IsJitteredNotTheSameFractionEachTime()
    {
        var backoff = new RetryBackoff(First, Cap, new Random(7));

        // Where in [ceiling/2, ceiling] each delay fell: full jitter puts them all over that range.
        var fractions = Enumerable.Range(0, 20).Select(failure => (backoff.Next() / Ceiling(failure) * 2) - 1).ToArray();

        Assert.True(fractions.Distinct().Count() > 15, string.Join(", ", fractions));
        Assert.Contains(fractions, f => f < 0.5);
        Assert.Contains(fractions, f => f > 0.5);
    }

    [Fact]
    public void Next_TwoClientsThatFailedTogether_DoNotRetryInStep()
    {
        var one = new RetryBackoff(First, Cap, new Random(1));
        var two = new RetryBackoff(First, Cap, new Random(2));

        var first = Enumerable.Range(0, 6).Select(_ => one.Next()).ToArray();
        var second = Enumerable.Range(0, 6).Select(_ => two.Next()).ToArray();

        Assert.All(first.Zip(second), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Reset_AfterSeveralFailures_GoesBackToTheFirstDelay()
    {
        var backoff = new RetryBackoff(First, Cap, new Random(3));
        for (var failure = 0; failure < 8; failure++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next(), First / 2, First);
        Assert.InRange(backoff.Next(), First, First * 2);
    }

    /// <summary>A "random" source pinned to one value, to read the ceilings (1.0 stands for just under one).</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}

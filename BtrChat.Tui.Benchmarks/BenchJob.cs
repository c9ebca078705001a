namespace BtrChat.Benchmarks;

/// <summary>The one job every benchmark class here runs, short enough that scripts/bench stays within minutes.</summary>
/// <remarks>
/// BenchmarkDotNet's default job runs until the statistics settle (up to 100 iterations per benchmark), several
/// times as long as this on a shared 2-core machine. One launch, 3 warm-up and 10 measured iterations of about
/// 0.5 s each keep every benchmark near 10 s and still give a confidence interval worth printing.
/// </remarks>
internal static class BenchJob
{
    public const int LaunchCount = 1;
    public const int WarmupCount = 3;
    public const int IterationCount = 10;
}

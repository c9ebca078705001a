using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BtrChat.Ui;

namespace BtrChat.Benchmarks;

/// <summary>
/// Appending one row to the chat history (<see cref="HistorySource.Add"/>) when it already holds 10, 10,000 or
/// 100,000 rows. The claim under test: an append costs the same however long the history is.
/// </summary>
/// <remarks>
/// <para>
/// One Add takes a few microseconds, too short to time alone, and each one lengthens the history, so every
/// iteration starts from a freshly filled source ([IterationSetup], not timed) and times a batch of
/// <see cref="Batch"/> Adds, reported per Add. BenchmarkDotNet warns that such an iteration (about 3 ms) is short;
/// the 50 iterations make up for it. The batch is small next to 10,000 and 100,000 rows; from 10 rows it
/// grows the list through its doublings up to 1,010, which is what those first rows really cost.
/// </para>
/// <para>
/// The source is measured alone, with no ListView subscribed to <see cref="HistorySource.CollectionChanged"/>:
/// that event is raised per Add in the app, and what the view then does is Terminal.Gui's cost, not this one's.
/// </para>
/// <para>
/// [IterationSetup] forces one invocation per iteration, so the warm-up iterations alone run the code under test
/// only a few thousand times; the global setup runs the same batch for half a second first, so that tiered
/// compilation has promoted it before anything is timed (see also Program's call-counting note). Many more
/// iterations than the other classes are cheap here and steady the mean.
/// </para>
/// <para>
/// No forced collection between iterations ([GcForce(false)]): with BenchmarkDotNet's default full, blocking GC
/// before each iteration, the 10-row case alone measured about 1.7 µs per Add slower, in a fresh process only
/// (in-process and in a hand-written loop it matched the others). Its setup allocates almost nothing, so its timed
/// batch is the first to allocate into the just-collected heap; the larger setups allocate tens of megabytes first.
/// The app never runs a full collection before an append; the gen-0 collections that the Adds' own garbage
/// triggers are counted in every case alike.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(BenchJob.LaunchCount, warmupCount: 10, iterationCount: 50)]
[GcForce(false)]
public class HistoryAppendBenchmarks
{
    public const int Batch = 1000;

    // A row as HistoryRows lays one out: time, sender, text.
    private const string Row = "12:34 <bob> the queue is back, try sending again now";

    private HistorySource _source = null!;

    [Params(10, 10_000, 100_000)]
    public int RowsBefore { get; set; }

    [GlobalSetup]
    public void WarmUp()
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 500)
        {
            AppendBatch(Prefilled(Math.Min(RowsBefore, Batch)));
        }
    }

    [IterationSetup]
    public void Fill() => _source = Prefilled(RowsBefore);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Append() => AppendBatch(_source);

    private static HistorySource Prefilled(int rows)
    {
        var source = new HistorySource();
        for (int i = 0; i < rows; i++)
        {
            source.Add(Row);
        }

        return source;
    }

    private static int AppendBatch(HistorySource source)
    {
        for (int i = 0; i < Batch; i++)
        {
            source.Add(Row);
        }

        return source.Count;
    }
}

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace BtrChat.Benchmarks;

public static class Program
{
    /// <summary>
    /// Runs the benchmarks chosen by BenchmarkDotNet's own arguments (--filter, --artifacts, --list flat, ...).
    /// The default exporters (GitHub markdown, CSV, HTML) plus a brief JSON one, which scripts/bench reads.
    /// </summary>
    /// <remarks>
    /// Every job also gets DOTNET_TC_CallCountingDelayMs=0. The runtime only starts counting calls for tier-1
    /// promotion after 100 ms without new tier-0 code; pinned to one core (scripts/bench pins), that moment came
    /// seconds late, and a benchmark that runs its code once per iteration was measured at tier 0, up to 6x slow.
    /// With no delay the code is promoted during warm-up; the optimized code it ends up with is the same.
    /// </remarks>
    public static void Main(string[] args)
    {
        IConfig config = DefaultConfig.Instance
            .AddExporter(JsonExporter.Brief)
            .AddJob(Job.Default.WithEnvironmentVariable("DOTNET_TC_CallCountingDelayMs", "0").AsMutator());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}

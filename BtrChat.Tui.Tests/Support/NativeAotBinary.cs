using System.Diagnostics;

namespace BtrChat.Tests.Support;

/// <summary>
/// The shipped build: artifacts/aot/btrchat, published by scripts/test (and .ci/run) before the suite runs. A missing
/// or stale binary fails the test that needs it with the command to make it, rather than testing old code.
/// </summary>
public static class NativeAotBinary
{
    public static string Path { get; } = RepoPaths.Combine("artifacts", "aot", "btrchat");

    public static string Require()
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: run scripts/publish-aot (scripts/test does it first)");
        }

        var built = File.GetLastWriteTimeUtc(Path);
        var newer = Directory.EnumerateFiles(RepoPaths.Combine("BtrChat.Tui"), "*.cs*", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .FirstOrDefault(file => File.GetLastWriteTimeUtc(file) > built);
        if (newer is not null)
        {
            throw new InvalidOperationException($"{Path} is older than {newer}: run scripts/publish-aot (scripts/test does it first)");
        }

        return Path;
    }

    /// <summary>Runs the binary with exactly <paramref name="environment"/> (plus PATH), so no AWS_* or BTRCHAT_* setting of the caller leaks in.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = BtrchatProcess.Redirected(Require(), args);
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

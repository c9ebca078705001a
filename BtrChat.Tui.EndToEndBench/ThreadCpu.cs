using System.Globalization;

namespace BtrChat.EndToEndBench;

/// <summary>
/// CPU time of this process's threads by thread name, from /proc/self/task (Linux; clock ticks, usually 10 ms):
/// shows where an idle window's CPU went (the runtime names its own threads: ".NET TP Worker", ".NET Timer", ...).
/// </summary>
public static class ThreadCpu
{
    private const double TicksPerSecond = 100;

    /// <summary>Name and seconds of user + system time of each live thread, by thread id; empty off Linux.</summary>
    public static IReadOnlyDictionary<string, (string Name, double Seconds)> Snapshot()
    {
        var byId = new Dictionary<string, (string Name, double Seconds)>(StringComparer.Ordinal);
        if (!Directory.Exists("/proc/self/task"))
        {
            return byId;
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));

                // "tid (name) state ...": the name may hold spaces and parentheses, so split after the last ')'.
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                byId[Path.GetFileName(task)] = (name, ticks / TicksPerSecond);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                // The thread ended while we looked.
            }
        }

        return byId;
    }

    /// <summary>
    /// "name 0.03 s, ..." per thread name for the threads alive at the end (new ones counted from zero), most
    /// first; what the process used beyond them went to threads that ended in between.
    /// </summary>
    public static string Describe(
        IReadOnlyDictionary<string, (string Name, double Seconds)> before,
        IReadOnlyDictionary<string, (string Name, double Seconds)> after,
        double processSeconds)
    {
        var used = after
            .Select(a => (a.Value.Name, Seconds: a.Value.Seconds - (before.TryGetValue(a.Key, out var b) ? b.Seconds : 0)))
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Seconds: g.Sum(a => a.Seconds)))
            .Where(a => a.Seconds > 0.0001)
            .OrderByDescending(a => a.Seconds)
            .ToList();
        var rest = processSeconds - used.Sum(a => a.Seconds);
        var parts = used.Select(a => $"{a.Name} {a.Seconds:0.00} s").ToList();
        if (rest > 0.005)
        {
            parts.Add($"threads that ended {rest:0.00} s");
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}

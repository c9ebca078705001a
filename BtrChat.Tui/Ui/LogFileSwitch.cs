using Serilog.Core;
using Serilog.Events;

namespace BtrChat.Ui;

/// <summary>
/// The log file the program writes and the switch that sets its level while it runs: /debug turns it to Verbose,
/// /nodebug back to the level it was configured with. The log holds no secrets at any level.
/// </summary>
public sealed class LogFileSwitch(string path, LoggingLevelSwitch level)
{
    private readonly LogEventLevel _configured = level.MinimumLevel;

    /// <summary>The configured name; the sink writes to <see cref="TodaysFile"/>.</summary>
    public string Path { get; } = path;

    /// <summary>The file written on <paramref name="today"/>: the sink rolls daily, putting the date before the extension.</summary>
    public string TodaysFile(DateTime today) =>
        System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(Path) ?? string.Empty,
            $"{System.IO.Path.GetFileNameWithoutExtension(Path)}{today:yyyyMMdd}{System.IO.Path.GetExtension(Path)}");

    public LogEventLevel Level => level.MinimumLevel;

    public bool Debugging => level.MinimumLevel == LogEventLevel.Verbose && _configured != LogEventLevel.Verbose;

    public void Debug(bool on) => level.MinimumLevel = on ? LogEventLevel.Verbose : _configured;
}

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

    public string Path { get; } = path;

    public LogEventLevel Level => level.MinimumLevel;

    public bool Debugging => level.MinimumLevel == LogEventLevel.Verbose && _configured != LogEventLevel.Verbose;

    public void Debug(bool on) => level.MinimumLevel = on ? LogEventLevel.Verbose : _configured;
}

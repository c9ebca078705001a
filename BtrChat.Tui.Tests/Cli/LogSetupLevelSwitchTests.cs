using BtrChat.Cli;
using BtrChat.Ui;
using Serilog.Core;
using Serilog.Events;

namespace BtrChat.Tests.Cli;

/// <summary>/debug and /nodebug change the level of the log file that is already open, through its switch.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class LogSetupLevelSwitchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LevelSwitch_DebugOnThenOff_WritesVerboseOnlyWhileOn()
    {
        var logFile = _dir.Combine("logs", "btrchat.log");
        var level = new LoggingLevelSwitch(LogEventLevel.Information);
        var control = new LogFileSwitch(logFile, level);

        using (var log = LogSetup.Create(logFile, level))
        {
            log.Verbose("before");
            control.Debug(on: true);
            Assert.True(control.Debugging);
            log.Verbose("during");
            control.Debug(on: false);
            Assert.False(control.Debugging);
            Assert.Equal(LogEventLevel.Information, control.Level);
            log.Verbose("after");
            log.Information("still written");
        }

        var text = File.ReadAllText(Assert.Single(Directory.GetFiles(_dir.Combine("logs"))));
        Assert.DoesNotContain("before", text);
        Assert.Contains("[VRB] during", text);
        Assert.DoesNotContain("after", text);
        Assert.Contains("still written", text);
    }
}

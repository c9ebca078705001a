using BtrChat.Cli;
using Serilog.Events;

namespace BtrChat.Tests.Cli;

/// <summary>LogSetup sets the process umask and PinSource clears a process-wide variable, so these run on their own.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class LogSetupTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _dir = new();
    private readonly EnvironmentScope _env;

    public LogSetupTests() => _env = new EnvironmentScope(_dir);

    public void Dispose()
    {
        _env.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Create_InADirectoryThatDoesNotExist_MakesItOwnerOnlyAndTheLogFileOwnerOnly()
    {
        var directory = _dir.Combine("state", "btrchat");
        var logFile = Path.Combine(directory, "btrchat.log");

        using (var log = LogSetup.Create(logFile, LogEventLevel.Information))
        {
            log.Information("written {Number}", 42);
        }

        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(directory));
        var written = Assert.Single(Directory.GetFiles(directory));
        Assert.StartsWith("btrchat", Path.GetFileName(written));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(written));
        Assert.Contains("written 42", File.ReadAllText(written));
    }

    [Fact]
    public void Create_BelowItsLevel_WritesNothingForThatEvent()
    {
        var logFile = _dir.Combine("logs", "btrchat.log");

        using (var log = LogSetup.Create(logFile, LogEventLevel.Warning))
        {
            log.Information("quiet");
            log.Warning("loud");
        }

        var text = File.ReadAllText(Assert.Single(Directory.GetFiles(_dir.Combine("logs"))));
        Assert.Contains("loud", text);
        Assert.DoesNotContain("quiet", text);
    }

    [Fact]
    public void PinSource_PinFile_IsReadWithoutItsTrailingNewline()
    {
        var file = _dir.Write("pin", "ab-_\r\n");

        var pin = PinSource.FromFileOrEnvironment(file);

        Assert.NotNull(pin);
        Assert.Equal("ab-_", pin.Value);
    }

    [Fact]
    public void PinSource_PinFile_WinsOverTheEnvironment()
    {
        var file = _dir.Write("pin", "file\n");
        _env.Set(PinSource.EnvironmentVariable, "envv");

        var pin = PinSource.FromFileOrEnvironment(file);

        Assert.Equal("file", pin?.Value);
    }

    [Fact]
    public void PinSource_MissingPinFile_IsAConfigErrorNamingTheFile()
    {
        var file = _dir.Combine("no-such-pin");

        var error = Assert.Throws<ConfigException>(() => PinSource.FromFileOrEnvironment(file));

        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void PinSource_BtrchatPin_IsReadAndThenClearedFromTheEnvironment()
    {
        _env.Set(PinSource.EnvironmentVariable, "1234");

        var pin = PinSource.FromFileOrEnvironment(null);

        Assert.NotNull(pin);
        Assert.Equal("1234", pin.Value);
        Assert.Null(Environment.GetEnvironmentVariable(PinSource.EnvironmentVariable));
        Assert.Equal("Pin(redacted)", pin.ToString());
    }

    [Fact]
    public void PinSource_NeitherFileNorVariable_IsNull()
    {
        Assert.Null(PinSource.FromFileOrEnvironment(null));
    }
}

using System.Runtime.InteropServices;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace BtrChat.Cli;

/// <summary>
/// Serilog to a private rolling file, configured in code (AOT-safe). Never a console sink: the terminal
/// belongs to the UI. The file sink creates files with the process umask, so the umask is set to 077
/// first: every file, rolled ones included, is 0600, in a directory that is 0700 when we create it.
/// </summary>
public static partial class LogSetup
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static Logger Create(string logFile, LogEventLevel level) => Create(logFile, new LoggingLevelSwitch(level));

    /// <param name="level">Sets the level while the program runs (/debug, /nodebug); starts at the configured one.</param>
    public static Logger Create(string logFile, LoggingLevelSwitch level)
    {
        SetUmask(0b000_111_111);
        var directory = Path.GetDirectoryName(Path.GetFullPath(logFile))!;
        try
        {
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory, PrivateDirectory);
            }
            else if (Path.GetFullPath(logFile) == Path.GetFullPath(AppPaths.LogFile))
            {
                // Our own directory: keep it private even if something loosened it.
                File.SetUnixFileMode(directory, PrivateDirectory);
            }

            // The sink rolls daily into name + date + extension; files left by earlier runs become private too.
            var rolledPattern = Path.GetFileNameWithoutExtension(logFile) + "*" + Path.GetExtension(logFile);
            foreach (var existing in Directory.GetFiles(directory, rolledPattern))
            {
                File.SetUnixFileMode(existing, PrivateFile);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{logFile}: cannot prepare the log file ({e.Message})");
        }

        return new LoggerConfiguration()
            .MinimumLevel.ControlledBy(level)
            .Enrich.WithProperty("Pid", Environment.ProcessId)
            .WriteTo.File(
                logFile,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 7,
                fileSizeLimitBytes: 10 * 1024 * 1024,
                rollOnFileSizeLimit: true)
            .CreateLogger();
    }

    private static void SetUmask(uint mask)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = Umask(mask);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}

using System.Reflection;
using BtrChat.Protocol;
using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>Help > About (/about): the version, the security mode in words, and where the log file is.</summary>
public static class AboutDialog
{
    public static string Text(SecurityMode mode, LogFileSwitch? log) => string.Join(
        '\n',
        $"btrchat {Version}: two-person chat over Amazon SQS",
        $"Mode: {Meaning(mode)}",
        log is null ? "Log file: none" : $"Log file: {log.TodaysFile(DateTime.Now)}",
        log is null ? string.Empty : $"Log level: {log.Level}{(log.Debugging ? " (/debug; /nodebug ends it)" : " (/debug for Verbose)")}");

    public static void Show(IApplication app, SecurityMode mode, LogFileSwitch? log) =>
        MessageBox.Query(app, "About btrchat", Text(mode, log), wrapMessage: true, "_OK");

    private static string Version =>
        typeof(AboutDialog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(AboutDialog).Assembly.GetName().Version?.ToString(3)
        ?? "unknown";

    private static string Meaning(SecurityMode mode) => mode switch
    {
        SecurityMode.Pin => "PIN (SPAKE2 handshake, fresh keys per session)",
        SecurityMode.KeyFile => "key file (handshake with a shared random key)",
        _ => "LEGACY (insecure): anyone who reads the queues reads all",
    };
}

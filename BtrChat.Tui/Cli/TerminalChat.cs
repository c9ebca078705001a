using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Serilog;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace BtrChat.Cli;

/// <summary>
/// Process-level wiring of the full-screen chat on the real terminal: key defaults, signals, the crash
/// handler and the application's lifetime. Every exit path ends in the application's Dispose, which
/// restores the terminal; messages for the user are printed only after that.
/// </summary>
public static class TerminalChat
{
    public static int Run(SecurityMode mode, QueueNames queues, Func<IMessageQueue> connect, Pin? pin, ILogger log)
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            log.Fatal(e.ExceptionObject as Exception, "Unhandled exception");
            TerminalRestore.Now();
            Console.Error.WriteLine("btrchat: crashed; details in the log file.");
        };

        // Esc closes dialogs; it must never end the chat. Ctrl-Q takes over the application-wide quit.
        Application.SetDefaultKeyBinding(Command.Quit, new PlatformKeyBinding { All = [Key.Q.WithCtrl] });
        bool leftWithoutPin;
        using (var app = Application.Create().Init())
        {
            var chat = new ChatApp(app, mode, queues, connect, TimeProvider.System, log);
            using var signals = QuitSignals.Register(() =>
            {
                log.Information("Quit signal received");
                app.Invoke(chat.Quit);
            });
            try
            {
                chat.RunUntilQuit(pin);
            }
            finally
            {
                chat.ShutdownAsync().AsTask().GetAwaiter().GetResult();
            }

            leftWithoutPin = chat.LeftWithoutPin;
        }

        if (leftWithoutPin)
        {
            Console.Error.WriteLine("btrchat: no PIN entered; nothing was sent or received.");
        }

        return ExitCodes.Ok;
    }
}

using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Serilog;
using Terminal.Gui.App;

namespace BtrChat.Cli;

/// <summary>
/// Process-level wiring of the full-screen chat on the real terminal: key defaults, signals, the crash
/// handler and the application's lifetime. Every exit path ends in the application's Dispose, which
/// restores the terminal; messages for the user are printed only after that.
/// </summary>
public static class TerminalChat
{
    /// <summary>How long an orderly quit may take after a signal before the process ends anyway.</summary>
    private static readonly TimeSpan SignalQuitGrace = TimeSpan.FromSeconds(3);

    public static int Run(SecurityMode mode, QueueNames queues, Func<IMessageQueue> connect, Pin? pin, ILogger log)
    {
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            log.Fatal(e.ExceptionObject as Exception, "Unhandled exception");
            TerminalRestore.Now();
            Console.Error.WriteLine("btrchat: crashed; details in the log file.");
        };

        bool leftWithoutPin;
        using (var app = Application.Create().Init())
        {
            var chat = new ChatApp(app, mode, queues, connect, TimeProvider.System, log);
            using var signals = QuitSignals.Register(() =>
            {
                log.Information("Quit signal received");
                app.Invoke(chat.Quit);
                ForceExitUnlessQuitWithin(SignalQuitGrace, log);
            });
            try
            {
                chat.RunUntilQuit(pin);
            }
            finally
            {
                // Off the UI thread: its synchronisation context no longer runs once Run has returned, so an
                // await that resumed there would wait forever.
                Task.Run(() => chat.ShutdownAsync().AsTask()).GetAwaiter().GetResult();
            }

            leftWithoutPin = chat.LeftWithoutPin;
        }

        if (leftWithoutPin)
        {
            Console.Error.WriteLine("btrchat: no PIN entered; nothing was sent or received.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// When the terminal itself is gone (ssh dropped, tmux killed), Terminal.Gui 2.5.0's input thread spins on
    /// end-of-file and the main loop may never get to the quit. A signal therefore also arms this deadline:
    /// restore what can be restored, flush the log, and exit.
    /// </summary>
    private static void ForceExitUnlessQuitWithin(TimeSpan grace, ILogger log)
    {
        var timer = new Thread(() =>
        {
            Thread.Sleep(grace);
            log.Warning("Orderly quit took longer than {Grace}; exiting now", grace);
            TerminalRestore.Now();
            (log as IDisposable)?.Dispose();
            Environment.Exit(ExitCodes.Ok);
        })
        { IsBackground = true, Name = "quit deadline" };
        timer.Start();
    }
}

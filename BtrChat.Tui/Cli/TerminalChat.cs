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

    /// <param name="logFile">The log file and its level switch, for /debug, /nodebug and About.</param>
    public static int Run(
        SecurityMode mode,
        QueueNames queues,
        Func<IMessageQueue> connect,
        Pin? pin,
        ILogger log,
        LogFileSwitch? logFile = null,
        int scrollback = HistoryPane.DefaultScrollback,
        bool bell = false)
    {
        // Set once the application is disposed: the terminal is back, the tty's own settings (raw mode) included.
        var terminalBack = new ManualResetEventSlim();
        Action quitUi = () => { };
        var crashed = false;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            log.Fatal(e.ExceptionObject as Exception, "Unhandled exception");
            Volatile.Write(ref crashed, true);
            // The UI thread leaves as on every quit, so that Dispose also ends raw mode, which no escape sequence can.
            quitUi();
            if (!terminalBack.Wait(SignalQuitGrace))
            {
                TerminalRestore.Now();
            }

            Console.Error.WriteLine("btrchat: crashed; details in the log file.");
            (log as IDisposable)?.Dispose();
            // Returning would let the runtime print the exception on the terminal and abort (exit code 134).
            Environment.Exit(ExitCodes.Failure);
        };

        bool leftWithoutPin;

        // Saves the window title: Terminal.Gui sets its own and never puts it back (TerminalRestore pops it).
        Console.Out.Write("\e[22;0t");
        using (var app = Application.Create())
        {
            // Between Create and Init, and disposed before the application, which waits for the input thread it wakes.
            using var idle = IdleFix.TryInstall(app, log);
            app.Init();
            var chat = new ChatApp(app, mode, queues, connect, TimeProvider.System, log, logFile: logFile);
            chat.Window.Scrollback = scrollback;
            chat.Bell = bell ? () => Console.Out.Write('\a') : null;
            quitUi = () => app.Invoke(chat.Quit);
            if (idle is not null)
            {
                idle.TerminalEnded += () =>
                {
                    log.Information("Terminal input ended");
                    app.Invoke(chat.Quit);
                    ForceExitUnlessQuitWithin(SignalQuitGrace, log);
                };
            }

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

        // A crash from here on has no UI left to quit.
        quitUi = () => { };
        // Terminal.Gui's Dispose leaves the application cursor keys and keypad mode set at start-up on; the full reset
        // ends them (the rest of it repeats what Dispose did, harmlessly).
        TerminalRestore.Now();
        terminalBack.Set();
        if (Volatile.Read(ref crashed))
        {
            // The crash handler prints its line now that the terminal is back, and ends the process with its code.
            Thread.Sleep(System.Threading.Timeout.Infinite);
        }

        if (leftWithoutPin)
        {
            Console.Error.WriteLine("btrchat: no PIN entered; nothing was sent or received.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// When the terminal itself is gone (ssh dropped, tmux killed), Terminal.Gui 2.5.0's stock input thread spins on
    /// end-of-file (not with <see cref="IdleFix"/>) and the main loop may never get to the quit. A signal or the
    /// end of the terminal therefore also arms this deadline:
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

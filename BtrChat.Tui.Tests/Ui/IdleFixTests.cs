using System.Diagnostics;
using BtrChat.Ui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Views;

namespace BtrChat.Tests.Ui;

/// <summary>
/// The idle fix on Terminal.Gui's ANSI driver, in real time: it installs through a private field (so a Terminal.Gui
/// upgrade that renames it must fail here, not quietly in production), the main loop sleeps while idle, and still
/// wakes at once for another thread's Invoke and for a timer.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class IdleFixTests
{
    private static readonly TimeSpan LongMaxIdle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Promptly = TimeSpan.FromMilliseconds(150);

    [Fact]
    public void Installs_through_Terminal_Guis_private_component_factory_field()
    {
        var sizeDetection = Driver.SizeDetection;
        var iterationsPerSecond = Application.MaximumIterationsPerSecond;
        using var app = Application.Create();
        using (var fix = IdleFix.Install(app))
        {
            app.Init(DriverRegistry.Names.ANSI);

            Assert.True(
                fix.InputCreated,
                "Init did not use the component factory set through ApplicationImpl._componentFactory: the idle fix is not in effect with this Terminal.Gui.");
            Assert.Equal(SizeDetectionMode.Polling, Driver.SizeDetection);
        }

        // Process-wide settings: the other UI tests in this process must find them as they were.
        Assert.Equal(sizeDetection, Driver.SizeDetection);
        Assert.Equal(iterationsPerSecond, Application.MaximumIterationsPerSecond);
    }

    [Fact]
    public void Installing_after_Init_is_refused()
    {
        using var app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);

        var refused = Assert.Throws<InvalidOperationException>(() => IdleFix.Install(app));

        Assert.Contains("before Init", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void While_idle_the_main_loop_sleeps_instead_of_running_25_times_a_second()
    {
        var iterations = 0;
        var idleWindow = TimeSpan.FromSeconds(2);

        RunIdle(TimeSpan.FromSeconds(1), app =>
        {
            var before = Volatile.Read(ref iterations);
            Thread.Sleep(idleWindow);
            return Volatile.Read(ref iterations) - before;
        }, app => app.Iteration += (_, _) => Interlocked.Increment(ref iterations), out var counted);

        // Stock: 25 a second, 50 here. Sleeping up to 1 s at a time: about 2, plus the odd wake.
        Assert.True(counted <= 8, $"{counted} main loop iterations in {idleWindow.TotalSeconds} s of idle: the loop does not sleep.");
    }

    [Fact]
    public void An_Invoke_from_another_thread_runs_at_once_while_the_loop_sleeps()
    {
        RunIdle(LongMaxIdle, app =>
        {
            using var ran = new ManualResetEventSlim();
            var clock = Stopwatch.StartNew();
            app.Invoke(ran.Set);
            Assert.True(ran.Wait(LongMaxIdle), "The Invoke never ran.");
            return clock.Elapsed;
        }, _ => { }, out var latency);

        Assert.True(latency < Promptly, $"An Invoke from another thread waited {latency.TotalMilliseconds:F0} ms for the sleeping loop.");
    }

    [Fact]
    public void A_timer_fires_when_it_is_due_not_at_the_end_of_the_sleep()
    {
        var due = TimeSpan.FromMilliseconds(400);

        RunIdle(LongMaxIdle, app =>
        {
            using var fired = new ManualResetEventSlim();
            var clock = Stopwatch.StartNew();

            // Added on the loop's thread, as a view would, so the adding itself wakes nothing beyond this iteration.
            app.Invoke(() => app.AddTimeout(due, () =>
            {
                fired.Set();
                return false;
            }));
            Assert.True(fired.Wait(LongMaxIdle * 2), "The timer never fired.");
            return clock.Elapsed;
        }, _ => { }, out var elapsed);

        Assert.True(elapsed < due + Promptly, $"A timer due in {due.TotalMilliseconds} ms fired after {elapsed.TotalMilliseconds:F0} ms.");
    }

    /// <summary>
    /// Runs a window with the fix installed; once the loop has been idle a while, <paramref name="probe"/> runs on
    /// another thread and its result comes back in <paramref name="result"/>; then the window is stopped.
    /// </summary>
    private static void RunIdle<T>(TimeSpan maxIdle, Func<IApplication, T> probe, Action<IApplication> setUp, out T result)
    {
        using var app = Application.Create();
        using var window = new Window();
        T probed = default!;
        Exception? failed = null;
        using (IdleFix.Install(app, maxIdle))
        {
            app.Init(DriverRegistry.Names.ANSI);
            setUp(app);
            var prober = new Thread(() =>
            {
                try
                {
                    Thread.Sleep(Settle);
                    probed = probe(app);
                }
                catch (Exception e)
                {
                    failed = e;
                }
                finally
                {
                    app.Invoke(() => app.RequestStop(window));
                }
            })
            { IsBackground = true };
            prober.Start();
            app.Run(window);
            prober.Join();
        }

        if (failed is not null)
        {
            throw new InvalidOperationException("The probe failed.", failed);
        }

        result = probed;
    }
}

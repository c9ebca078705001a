using Terminal.Gui.App;
using Terminal.Gui.ViewBase;

namespace BtrChat.Ui;

/// <summary>
/// Takes over the pacing of Terminal.Gui's main loop. Stock, the loop runs 25 iterations a second whatever
/// happens, and sleeps between them without listening, so a key or an <c>Invoke</c> waits up to 40 ms for the
/// sleep to end. Here the stock sleep is switched off and the iteration event waits instead, on an event that
/// ends the wait at once: input (<see cref="Poke"/>), an <c>Invoke</c> or timeout from any thread (they all go
/// through <see cref="ITimedEvents.Added"/>), or a timer that falls due. For a moment after any of these, or while
/// a view still needs drawing, the loop keeps the stock pace at least (the input parser's lone-Esc timeout, double
/// clicks and bursts of keys rely on it); otherwise it sleeps until the next timer or at most <c>maxIdle</c>.
/// </summary>
internal sealed class IdleMainLoop : IDisposable
{
    private const long ActiveGraceMs = 300;

    private static readonly long FrameMs = 1000 / Application.DefaultMaximumIterationsPerSecond;

    private readonly IApplication _app;
    private readonly int _maxIdleMs;
    private readonly ushort _iterationsPerSecondBefore;
    private readonly AutoResetEvent _wake = new(false);
    private long _activeUntil;
    private long _lastIteration;
    private volatile int _loopThread;

    public IdleMainLoop(IApplication app, TimeSpan maxIdle)
    {
        _app = app;
        _maxIdleMs = (int)maxIdle.TotalMilliseconds;
        Poke();
        _app.Iteration += OnIteration;
        _app.TimedEvents!.Added += OnTimedEventAdded;

        // Past 1000 the stock loop computes a frame of 0 ms and does not sleep at all: the waiting is all done here.
        _iterationsPerSecondBefore = Application.MaximumIterationsPerSecond;
        Application.MaximumIterationsPerSecond = ushort.MaxValue;
    }

    /// <summary>Something happened: end the current wait and keep at least the stock pace for a moment. Any thread.</summary>
    public void Poke()
    {
        Volatile.Write(ref _activeUntil, Environment.TickCount64 + ActiveGraceMs);

        // From the loop's own thread (a view adding a timeout while it runs) the next iteration comes at the stock
        // pace, as it would stock: ending the wait at once would let a view that adds one every iteration spin the loop.
        if (Environment.CurrentManagedThreadId != _loopThread)
        {
            _wake.Set();
        }
    }

    public void Dispose()
    {
        Application.MaximumIterationsPerSecond = _iterationsPerSecondBefore;
        _app.Iteration -= OnIteration;
        _app.TimedEvents!.Added -= OnTimedEventAdded;
        _wake.Set();
    }

    private void OnTimedEventAdded(object? sender, TimeoutEventArgs e) => Poke();

    private void OnIteration(object? sender, EventArgs<IApplication?> e)
    {
        _loopThread = Environment.CurrentManagedThreadId;
        var now = Environment.TickCount64;
        var dueInMs = -1;
        (_app.TimedEvents as TimedEvents)?.CheckTimers(out dueInMs);
        long waitMs;
        if (now < Volatile.Read(ref _activeUntil) || NeedsDrawing(_app.TopRunnableView))
        {
            waitMs = _lastIteration + FrameMs - now;
        }
        else
        {
            waitMs = _maxIdleMs;
        }

        if (dueInMs >= 0)
        {
            waitMs = Math.Min(waitMs, dueInMs);
        }

        if (waitMs > 0)
        {
            _wake.WaitOne((int)waitMs);
        }

        _lastIteration = Environment.TickCount64;
    }

    /// <summary>A timer callback that changed a view runs after this iteration's drawing: draw it before sleeping.</summary>
    private static bool NeedsDrawing(View? top) => top is { NeedsDraw: true } or { NeedsLayout: true };
}

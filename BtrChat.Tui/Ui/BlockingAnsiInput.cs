using Terminal.Gui.Drivers;

namespace BtrChat.Ui;

/// <summary>
/// Terminal.Gui's ANSI input with a blocking wait: its input thread asks <see cref="Peek"/> whether input is
/// there, and sleeps 20 ms when not, so stock it wakes 50 times a second for nothing. Here Peek blocks in
/// <c>poll()</c> until the terminal has input or <see cref="Stop"/> wakes it. The stock input also spins when the
/// terminal is gone (poll reports the hang-up as readable and the read returns nothing); here the end is
/// reported once and the thread sleeps until it is stopped. Not attached to a terminal (tests, pipes),
/// it behaves like the stock input.
/// </summary>
internal sealed class BlockingAnsiInput : AnsiInput
{
    private const int StandardInput = 0;

    private readonly InputWaiter? _waiter;
    private readonly Action _inputRead;
    private readonly Action _terminalEnded;
    private volatile bool _stopped;
    private bool _ended;

    /// <param name="inputRead">Called after each read, on the input thread: the main loop has keys to process.</param>
    /// <param name="terminalEnded">Called once, on the input thread, when the terminal hangs up.</param>
    public BlockingAnsiInput(Action inputRead, Action terminalEnded)
    {
        _inputRead = inputRead;
        _terminalEnded = terminalEnded;
        _waiter = IsAttachedToTerminal ? new InputWaiter(StandardInput) : null;
    }

    public override bool Peek()
    {
        if (_waiter is null)
        {
            return base.Peek();
        }

        if (_stopped)
        {
            // Shutting down: Terminal.Gui cancels the input thread next and waits for it, so never block again.
            return !_ended && base.Peek();
        }

        switch (_waiter.Wait())
        {
            case InputWaitResult.InputReady:
                return base.Peek();
            case InputWaitResult.Ended:
                _ended = true;
                _terminalEnded();
                return false;
            default:
                return false;
        }
    }

    public override IEnumerable<char> Read()
    {
        foreach (var c in base.Read())
        {
            yield return c;
        }

        _inputRead();
    }

    /// <summary>Ends the blocking: the input thread returns to Terminal.Gui, which is about to stop it.</summary>
    public void Stop()
    {
        _stopped = true;
        _waiter?.Wake();
    }

    public override void Dispose()
    {
        base.Dispose();
        _waiter?.Dispose();
    }
}

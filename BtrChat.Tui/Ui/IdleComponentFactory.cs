using Terminal.Gui.Drivers;

namespace BtrChat.Ui;

/// <summary>
/// Terminal.Gui's ANSI driver components with <see cref="BlockingAnsiInput"/> as the input. The input is created
/// where Terminal.Gui creates its own, on the input thread, so the terminal is switched to raw mode at the usual
/// moment of Init.
/// </summary>
internal sealed class IdleComponentFactory(Action inputRead, Action terminalEnded) : AnsiComponentFactory
{
    private readonly Lock _gate = new();
    private BlockingAnsiInput? _input;
    private bool _stopped;

    public bool InputCreated
    {
        get
        {
            lock (_gate)
            {
                return _input is not null;
            }
        }
    }

    public override IInput<char> CreateInput()
    {
        var input = new BlockingAnsiInput(inputRead, terminalEnded);
        lock (_gate)
        {
            _input = input;
            if (_stopped)
            {
                input.Stop();
            }
        }

        return input;
    }

    /// <summary>Stops the input's blocking, now or as soon as it is created.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _input?.Stop();
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Serilog;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace BtrChat.Ui;

/// <summary>
/// Makes the idle chat cost next to no CPU. Terminal.Gui 2.5.0 polls the terminal 50 times a second and runs
/// its main loop 25 times a second even when nothing happens: a few percent of a core for a window that sits
/// open all day. Installed between <c>Application.Create</c> and <c>Init</c>, this puts in a blocking input
/// (<see cref="BlockingAnsiInput"/>) and a sleeping main loop (<see cref="IdleMainLoop"/>), reads the terminal
/// size with an ioctl (the default ANSI size query's reply would wake the loop every time), and wakes the loop on
/// SIGWINCH so a resize shows at once. Figures: docs/benchmarks.md, "Terminal".
/// Terminal.Gui offers no public way to replace the input, so the component factory is set through a private
/// field; <see cref="Install"/> says so plainly if an upgrade removed it.
/// Dispose it before the application: Terminal.Gui's shutdown waits for the input thread, which this wakes.
/// </summary>
public sealed class IdleFix : IDisposable
{
    private const string FactoryField = "_componentFactory";

    /// <summary>The longest the main loop sleeps with nothing due: a safety net for anything that changes without a wake.</summary>
    public static readonly TimeSpan DefaultMaxIdle = TimeSpan.FromSeconds(1);

    private readonly IdleComponentFactory _factory;
    private readonly IdleMainLoop _loop;
    private readonly PosixSignalRegistration? _resized;
    private readonly SizeDetectionMode _sizeDetectionBefore;

    private IdleFix(IApplication app, TimeSpan maxIdle)
    {
        // First, so that a Terminal.Gui without the field changes nothing.
        ref var field = ref ComponentFactoryOf(app);
        if (app.Initialized || field is not null)
        {
            throw new InvalidOperationException("The application already has a component factory: install the idle fix before Init.");
        }

        _loop = new IdleMainLoop(app, maxIdle);
        _factory = new IdleComponentFactory(_loop.Poke, () => TerminalEnded?.Invoke());
        field = _factory;
        _sizeDetectionBefore = Driver.SizeDetection;
        Driver.SizeDetection = SizeDetectionMode.Polling;
        _resized = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => _loop.Poke());
    }

    /// <summary>Whether Terminal.Gui created its input through the installed factory: the fix is in effect.</summary>
    internal bool InputCreated => _factory.InputCreated;

    /// <summary>Raised once, on the input thread, when the terminal hangs up (ssh dropped, tmux pane killed).</summary>
    public event Action? TerminalEnded;

    /// <summary>Installs the fix on an application that was created and not yet initialised.</summary>
    /// <exception cref="InvalidOperationException">Terminal.Gui's private field is gone (an upgrade), or Init already ran.</exception>
    public static IdleFix Install(IApplication app, TimeSpan? maxIdle = null)
    {
        try
        {
            return new IdleFix(app, maxIdle ?? DefaultMaxIdle);
        }
        catch (Exception e) when (e is MissingFieldException or MissingMemberException or TypeLoadException)
        {
            throw new InvalidOperationException(
                $"Terminal.Gui no longer has the private field ApplicationImpl.{FactoryField} (upgraded?). The idle CPU fix "
                + "(BtrChat.Ui.IdleFix) must be adapted to the new version: find how it creates its component factory.",
                e);
        }
    }

    /// <summary>Like <see cref="Install"/>, but a Terminal.Gui that no longer fits only costs idle CPU: warns and runs stock.</summary>
    public static IdleFix? TryInstall(IApplication app, ILogger log)
    {
        try
        {
            return Install(app);
        }
        catch (InvalidOperationException e)
        {
            log.Warning(e, "Idle CPU fix not installed; Terminal.Gui runs its stock polling loop");
            return null;
        }
    }

    public void Dispose()
    {
        _resized?.Dispose();
        _factory.Stop();
        _loop.Dispose();
        Driver.SizeDetection = _sizeDetectionBefore;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = FactoryField)]
    private static extern ref IComponentFactory? ComponentFactoryOf(
        [UnsafeAccessorType("Terminal.Gui.App.ApplicationImpl, Terminal.Gui")] object app);
}

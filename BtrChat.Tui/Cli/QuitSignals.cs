using System.Runtime.InteropServices;

namespace BtrChat.Cli;

/// <summary>
/// SIGINT, SIGTERM and SIGHUP (ssh dropped) become an orderly quit instead of the default abrupt exit,
/// which would leave the terminal in the UI's modes. The registrations must stay alive while they matter:
/// collected ones stop handling signals, so callers keep the returned object until exit.
/// </summary>
public sealed class QuitSignals : IDisposable
{
    private static readonly PosixSignal[] Handled = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    private readonly PosixSignalRegistration[] _registrations;

    private QuitSignals(Action quit) =>
        _registrations = Handled
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                quit();
            }))
            .ToArray();

    public static QuitSignals Register(Action quit) => new(quit);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}

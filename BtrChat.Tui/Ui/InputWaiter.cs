using System.Runtime.InteropServices;

namespace BtrChat.Ui;

/// <summary>
/// Blocks a thread in <c>poll()</c> until a file descriptor (the terminal) has input, or until another thread
/// wakes it through a private pipe. This lets the input thread sleep for as long as nobody types instead of
/// waking 50 times a second. Once the descriptor reports a hang-up or an error it is left out of later waits,
/// so end-of-file blocks until the next wake instead of returning at once for ever.
/// </summary>
internal sealed unsafe partial class InputWaiter : IDisposable
{
    private const short PollIn = 0x001;
    private const short PollErr = 0x008;
    private const short PollHup = 0x010;
    private const short PollNval = 0x020;

    private readonly int _fd;
    private readonly int _wakeRead;
    private readonly int _wakeWrite;
    private readonly Lock _gate = new();
    private int _wakePending;
    private bool _ended;
    private bool _disposed;

    public InputWaiter(int fd)
    {
        _fd = fd;
        var ends = stackalloc int[2];
        if (Pipe(ends) != 0)
        {
            throw new IOException($"pipe() failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        _wakeRead = ends[0];
        _wakeWrite = ends[1];
    }

    /// <summary>Waits, on the one thread that reads the terminal, until input, a wake or the end of the terminal.</summary>
    public InputWaitResult Wait()
    {
        var set = stackalloc PollFd[2];
        set[0] = new PollFd { Fd = _ended ? -1 : _fd, Events = PollIn };
        set[1] = new PollFd { Fd = _wakeRead, Events = PollIn };
        if (Poll(set, 2, -1) < 0)
        {
            // EINTR from a signal (SIGWINCH on every resize): the caller simply asks again.
            return InputWaitResult.Woken;
        }

        if ((set[0].REvents & (PollHup | PollErr | PollNval)) != 0)
        {
            _ended = true;
            return InputWaitResult.Ended;
        }

        if ((set[0].REvents & PollIn) != 0)
        {
            return InputWaitResult.InputReady;
        }

        if ((set[1].REvents & PollIn) != 0)
        {
            byte drained;
            _ = Read(_wakeRead, &drained, 1);
            Volatile.Write(ref _wakePending, 0);
        }

        return InputWaitResult.Woken;
    }

    /// <summary>Makes the current or next <see cref="Wait"/> return; safe from any thread, also after Dispose.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            // One byte at most in the pipe, so a burst of wakes can never fill it and block the waker.
            if (_disposed || Interlocked.Exchange(ref _wakePending, 1) != 0)
            {
                return;
            }

            byte signal = 1;
            _ = Write(_wakeWrite, &signal, 1);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            // Under the lock: a late Wake must not write into a descriptor number the process has reused.
            _disposed = true;
            _ = Close(_wakeRead);
            _ = Close(_wakeWrite);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "pipe", SetLastError = true)]
    private static partial int Pipe(int* ends);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

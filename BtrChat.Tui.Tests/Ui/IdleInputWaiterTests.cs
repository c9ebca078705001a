using System.Diagnostics;
using System.IO.Pipes;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>
/// The blocking half of the idle fix on real file descriptors: an anonymous pipe stands in for the terminal.
/// </summary>
public sealed class IdleInputWaiterTests
{
    private static readonly TimeSpan StillBlocked = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public void Input_on_the_terminal_ends_the_wait()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var waiter = new InputWaiter((int)terminal.ClientSafePipeHandle.DangerousGetHandle());

        terminal.WriteByte((byte)'x');

        Assert.Equal(InputWaitResult.InputReady, waiter.Wait());
    }

    [Fact]
    public async Task With_no_input_the_wait_blocks_until_another_thread_wakes_it()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var waiter = new InputWaiter((int)terminal.ClientSafePipeHandle.DangerousGetHandle());

        var waiting = Task.Run(waiter.Wait, TestContext.Current.CancellationToken);
        await Task.Delay(StillBlocked, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted, "The wait returned with no input and no wake: the input thread would not sleep.");

        var woken = Stopwatch.StartNew();
        waiter.Wake();
        Assert.Equal(InputWaitResult.Woken, await waiting.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.True(woken.Elapsed < TimeSpan.FromSeconds(1), $"The wake took {woken.Elapsed.TotalMilliseconds:F0} ms to arrive.");
    }

    [Fact]
    public async Task A_hung_up_terminal_is_reported_once_then_the_wait_sleeps_instead_of_spinning()
    {
        var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = terminal.ClientSafePipeHandle;
        using var waiter = new InputWaiter((int)reader.DangerousGetHandle());

        terminal.Dispose();

        Assert.Equal(InputWaitResult.Ended, waiter.Wait());
        var afterEnd = Task.Run(waiter.Wait, TestContext.Current.CancellationToken);
        await Task.Delay(StillBlocked, TestContext.Current.CancellationToken);
        Assert.False(afterEnd.IsCompleted, "After the hang-up the wait returns at once: the input thread would spin on end-of-file.");
        waiter.Wake();
        Assert.Equal(InputWaitResult.Woken, await afterEnd.WaitAsync(Patience, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Many_wakes_before_a_wait_end_one_wait_and_never_block_the_waker()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        using var waiter = new InputWaiter((int)terminal.ClientSafePipeHandle.DangerousGetHandle());

        // More than a pipe holds (64 KiB): a waker that wrote a byte each time would block here.
        for (var i = 0; i < 100_000; i++)
        {
            waiter.Wake();
        }

        Assert.Equal(InputWaitResult.Woken, waiter.Wait());
        var next = Task.Run(waiter.Wait, TestContext.Current.CancellationToken);
        await Task.Delay(StillBlocked, TestContext.Current.CancellationToken);
        Assert.False(next.IsCompleted, "Queued wakes woke more than one wait.");
        waiter.Wake();
        Assert.Equal(InputWaitResult.Woken, await next.WaitAsync(Patience, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_wake_after_dispose_is_ignored()
    {
        using var terminal = new AnonymousPipeServerStream(PipeDirection.Out);
        var waiter = new InputWaiter((int)terminal.ClientSafePipeHandle.DangerousGetHandle());
        waiter.Dispose();

        var late = Record.Exception(waiter.Wake);

        Assert.Null(late);
    }
}

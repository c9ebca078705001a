using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>/check on the whole <see cref="ChatApp"/> with a real session through the emulator: one line per queue with its counts.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ChatAppCheckTests(SqsEmulator emulator)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Check_ShowsOneLinePerQueueWithWhatWaitsInIt()
    {
        var queues = new QueueNames(await emulator.CreateQueueAsync("check-tx", fifo: false), await emulator.CreateQueueAsync("check-rx", fifo: false));
        await emulator.SendRawAsync(queues.Tx, "for the peer, 1");
        await emulator.SendRawAsync(queues.Tx, "for the peer, 2");
        using var headless = new HeadlessApp();
        var chat = new ChatApp(headless.App, SecurityMode.Legacy, queues, () => new SqsMessageQueue(emulator.SqsEndpoint.CreateClient), TimeProvider.System, Serilog.Core.Logger.None);
        using var ui = new RunningWindow(chat.Window, headless);
        try
        {
            chat.Begin(new Pin("1234"));
            Pump(headless, () => chat.Window.Status.ConnectionStatus.State == ConnectionState.Online);

            headless.Enter("/check");
            Pump(headless, () => chat.Window.History.Rows.Any(r => r.Contains("(from the peer)", StringComparison.Ordinal)));

            // Each notice is one history entry; a long queue name wraps it onto an indented second row.
            var text = string.Join(' ', chat.Window.History.Rows.Select(r => r.Trim()));
            Assert.Contains($"-!- {queues.Tx} (to the peer): 2 waiting, 0 in flight.", text);
            Assert.Contains($"-!- {queues.Rx} (from the peer): 0 waiting, 0 in flight.", text);
        }
        finally
        {
            // Off this thread, and pumped: after Init its synchronization context is the UI loop's, which only Pump runs.
            var shutdown = Task.Run(() => chat.ShutdownAsync().AsTask(), TestContext.Current.CancellationToken);
            Pump(headless, () => shutdown.IsCompleted);
            await shutdown;
        }
    }

    /// <summary>Runs what the session's threads queued for the UI until <paramref name="done"/>, as the main loop would.</summary>
    private static void Pump(HeadlessApp headless, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the UI did not reach the expected state in time");
            headless.App.TimedEvents!.RunTimers();
            Thread.Sleep(20);
        }
    }
}

using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Tests.Transport;
using BtrChat.Transport;
using BtrChat.Ui;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

/// <summary>
/// The whole program minus the terminal: <see cref="ChatApp"/> on the headless driver with a real session through the
/// emulator, and the peer as a second session. Quitting with a message undelivered asks first.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class QuitQuestionTests(SqsEmulator emulator)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CtrlD_WithAMessagePending_AsksFirst_WaitDeliversIt_ThenQuits_AndThePeerShowsItOnce()
    {
        var aliceQueues = new QueueNames(await emulator.CreateQueueAsync("a2b", fifo: false), await emulator.CreateQueueAsync("b2a", fifo: false));
        using var headless = new HeadlessApp();
        var chat = new ChatApp(headless.App, SecurityMode.Pin, aliceQueues, () => new SqsMessageQueue(emulator.SqsEndpoint.CreateClient), TimeProvider.System, Serilog.Core.Logger.None);
        FaultSession? bob = null;
        var question = string.Empty;
        var stoppedByWatchdog = false;

        // Keys go in from the loop's Iteration event: Terminal.Gui 2.5 runs Invoke callbacks under its timer lock, so
        // a question opened from one would block every other thread's Invoke (the session's events among them).
        var typed = new System.Collections.Concurrent.ConcurrentQueue<Key>();
        headless.App.Iteration += (_, _) =>
        {
            while (typed.TryDequeue(out var key))
            {
                headless.Press(key);
            }
        };

        // Drives the UI from outside its loop, as a person would: reads through Invoke, keys through the queue above.
        var person = Task.Run(
            async () =>
        {
            await UntilAsync(headless, () => chat.Window.History.Rows.Any(r => r.Contains("Enter sends", StringComparison.Ordinal)));
            foreach (var key in "last words".Select(c => new Key(c)).Append(Key.Enter))
            {
                typed.Enqueue(key);
            }

            await UntilAsync(headless, () => chat.Window.History.Rows.Any(r => r.Contains("~<you> last words", StringComparison.Ordinal)));

            // Nobody has answered the handshake yet, so the message is pending: Ctrl-D opens the question's own loop.
            typed.Enqueue(Key.D.WithCtrl);
            await UntilAsync(headless, () => (question = headless.ScreenText()).Contains("not delivered yet", StringComparison.Ordinal));
            typed.Enqueue(new Key('w'));

            bob = await FaultSession.StartAsync(emulator.SqsEndpoint, aliceQueues.Swapped(), SecurityMode.Pin);
        },
            TestContext.Current.CancellationToken);
        using var watchdog = new Timer(
            _ => headless.App.Invoke(() =>
            {
                stoppedByWatchdog = true;
                headless.App.RequestStop(chat.Window);
            }),
            null,
            Patience * 2,
            Timeout.InfiniteTimeSpan);

        chat.RunUntilQuit(new Pin("1234"));
        await person;
        await chat.ShutdownAsync();
        await using var peer = bob!;
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.False(stoppedByWatchdog, "the chat did not quit by itself once the message was delivered");
        Assert.Contains("1 message is not delivered yet.", question, StringComparison.Ordinal);
        Assert.Contains("Quit anyway", question, StringComparison.Ordinal);
        Assert.Contains("Wait", question, StringComparison.Ordinal);
        Assert.Contains("Cancel", question, StringComparison.Ordinal);
        Assert.Contains(chat.Window.History.Rows, r => r.Contains("+<you> last words", StringComparison.Ordinal));
        Assert.Equal("last words", Assert.Single(peer.Sees.OfType<ChatEvent.PeerMessage>()).Text);
    }

    private static async Task UntilAsync(HeadlessApp headless, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await OnUiAsync(headless, condition))
        {
            Assert.True(DateTime.UtcNow < deadline, "the UI did not reach the expected state in time");
            await Task.Delay(20);
        }
    }

    private static Task<T> OnUiAsync<T>(HeadlessApp headless, Func<T> read)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        headless.App.Invoke(() =>
        {
            try
            {
                done.SetResult(read());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }
}

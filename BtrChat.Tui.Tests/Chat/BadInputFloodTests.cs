using System.Diagnostics;
using Amazon.SQS.Model;
using BtrChat.Chat;
using BtrChat.Crypto;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Tests.Ui;
using BtrChat.Transport;
using BtrChat.Ui;

namespace BtrChat.Tests.Chat;

/// <summary>
/// A flood of 10,000 junk messages of three kinds, mixed within every batch, with genuine messages between them,
/// through a real pin-mode session on the emulator. Every genuine message is shown in order, once; every junk message
/// gives its rejection and is deleted; memory stays bounded; and the history the real UI makes of it all counts the
/// junk on a few rows instead of 10,000.
/// </summary>
/// <remarks>
/// In the UI tests' collection, which runs apart from every other test: the UI replay needs it, and the memory
/// measurement needs a process where nothing else allocates meanwhile.
/// </remarks>
[Collection(TerminalGuiCollection.Name)]
public sealed class BadInputFloodTests(SqsEmulator emulator)
{
    private const int Junk = 10_000;
    private const int Rounds = 20;
    private const int JunkPerRound = Junk / Rounds;
    private const int JunkBodyLength = 2048;
    private const int SendsInParallel = 8;

    /// <summary>
    /// Far below what keeping anything per junk message would cost: its body alone is 4 KiB in memory (UTF-16), so
    /// keeping the bodies would grow the heap by 40 MiB.
    /// </summary>
    private const long MemoryBound = 16L * 1024 * 1024;

    private static readonly RejectReason[] JunkReasons = [RejectReason.NotAToken, RejectReason.NotThisSession, RejectReason.BadHandshake];

    [Fact]
    public async Task TenThousandJunkAmongGenuineMessages_AllGenuineShownInOrder_JunkRejectedAndCountedOnFewRows_MemoryBounded()
    {
        var names = new QueueNames(await emulator.CreateQueueAsync("flood-tx", fifo: true), await emulator.CreateQueueAsync("flood-rx", fifo: true));
        using var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
        await using var session = new ChatSession(
            queue, names, SecureChannels.Create(SecurityMode.Pin, new Pin("1234"), names, PinModeAttackVictim.ShortPolicy), TimeProvider.System, Serilog.Core.Logger.None);
        await using var victim = new CompactFrontEnd(session);
        session.Start();
        using var peer = await ScriptedPeer.ConnectAsync(emulator, tx: names.Rx, rx: names.Tx);
        await peer.StartAsync();
        await peer.PumpUntilEstablishedAsync();
        await victim.WaitForShownAsync(await SendGenuineAsync(peer, 0));
        var before = SettledHeapSize();

        using var sqs = emulator.CreateClient();
        var rxUrl = (await sqs.GetQueueUrlAsync(names.Rx, TestContext.Current.CancellationToken)).QueueUrl;
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= Rounds; round++)
        {
            await SendJunkAsync(sqs, rxUrl, peer.Channel.CurrentKeys!, round);
            await SendGenuineAsync(peer, round);
        }

        await victim.WaitForShownAsync(Genuine(Rounds), TimeSpan.FromSeconds(90));
        await WaitUntilEmptyAsync(names.Rx);
        var elapsed = clock.Elapsed;
        var after = SettledHeapSize();
        TestContext.Current.TestOutputHelper?.WriteLine($"{Junk} junk and {Rounds + 1} genuine messages sent and settled in {elapsed}; heap {before:N0} -> {after:N0} bytes");

        Assert.Equal(Enumerable.Range(0, Rounds + 1).Select(Genuine), victim.Shown);
        Assert.Equal(Junk, victim.Rejections.Count);
        Assert.Equal(
            Enumerable.Range(0, JunkPerRound).CountBy(JunkKind).Select(k => (k.Key, k.Value * Rounds)).Order(),
            victim.Rejections.CountBy(r => r).Select(k => (k.Key, k.Value)).Order());
        Assert.True(after - before < MemoryBound, $"the heap grew by {after - before:N0} bytes over the flood ({elapsed})");
        AssertHistoryCountsTheJunkOnFewRows(victim.Replay);
    }

    private static string Genuine(int round) => $"genuine {round}";

    private static RejectReason JunkKind(int index) => JunkReasons[index % JunkReasons.Length];

    private static async Task<string> SendGenuineAsync(ScriptedPeer peer, int round)
    {
        await peer.SendTextAsync(Genuine(round));
        return Genuine(round);
    }

    /// <summary>One round's share of the junk, in SendMessageBatch requests of 10, several at once, kinds mixed in every batch.</summary>
    private static async Task SendJunkAsync(Amazon.SQS.IAmazonSQS sqs, string url, SessionKeys keys, int round)
    {
        var batches = Enumerable.Range(0, JunkPerRound).Chunk(SqsMessageQueue.MaxBatchEntries);
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = SendsInParallel, CancellationToken = TestContext.Current.CancellationToken },
            async (batch, cancellationToken) =>
            {
                var entries = batch.Select(i => new SendMessageBatchRequestEntry
                {
                    Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    MessageBody = JunkBody(JunkKind(i), keys, (round * JunkPerRound) + i),
                    MessageGroupId = SqsMessageQueue.MessageGroupId,
                    MessageDeduplicationId = Guid.NewGuid().ToString("N"),
                }).ToList();
                var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = url, Entries = entries }, cancellationToken);
                Assert.Empty(response.Failed ?? []);
            });
    }

    /// <summary>About 2 KiB of junk that <paramref name="reason"/> rejects: plain text, a token under another key, a broken handshake frame.</summary>
    private static string JunkBody(RejectReason reason, SessionKeys keys, int number)
    {
        var filler = $"junk {number} ".PadRight(JunkBodyLength, 'j');
        switch (reason)
        {
            case RejectReason.NotAToken:
                return filler;
            case RejectReason.NotThisSession:
                using (var stranger = FernetKey.Generate())
                {
                    return Fernet.Encrypt(stranger, BadInputBodies.DataFrame(keys, 2, filler[..1400]), DateTimeOffset.UtcNow);
                }

            default:
                return WireBody.CleartextPrefix + filler;
        }
    }

    /// <summary>The whole session's events, shown by the real UI: junk between two genuine messages takes a row per kind.</summary>
    private static void AssertHistoryCountsTheJunkOnFewRows(IReadOnlyList<ChatEvent> events)
    {
        using var headless = new HeadlessApp();
        var chat = new ChatApp(headless.App, SecurityMode.Pin, new QueueNames("flood-tx", "flood-rx"), () => throw new InvalidOperationException("no session here"), TimeProvider.System, Serilog.Core.Logger.None);
        using var ui = new RunningWindow(chat.Window, headless);
        foreach (var chatEvent in events)
        {
            chat.Show(chatEvent);
        }

        var entries = chat.Window.HistoryPane.Entries;
        var rejectionTexts = JunkReasons.Select(Notices.Rejected).ToHashSet();
        var rejectionRows = entries.Where(e => rejectionTexts.Contains(e.Text)).ToArray();
        Assert.InRange(rejectionRows.Length, JunkReasons.Length, Rounds * JunkReasons.Length);
        Assert.Equal(Junk, rejectionRows.Sum(e => e.Times));
        Assert.True(entries.Count <= Rounds + 1 + rejectionRows.Length + 10, $"{entries.Count} history entries");
        Assert.Equal(Enumerable.Range(0, Rounds + 1).Select(Genuine), entries.Where(e => e.Kind == HistoryEntry.Kinds.Peer).Select(e => e.Text));
    }

    private static long SettledHeapSize()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private async Task WaitUntilEmptyAsync(string queueName)
    {
        var clock = Stopwatch.StartNew();
        while (await emulator.CountMessagesAsync(queueName) > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{queueName} still holds messages");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// A front end that keeps only what a screen would: the genuine texts, each rejection's reason, and the events to
    /// replay through the UI with their queue handles dropped, so that what the test holds does not hide a leak.
    /// </summary>
    private sealed class CompactFrontEnd : IAsyncDisposable
    {
        private readonly List<ChatEvent> _replay = [];
        private readonly List<string> _shown = [];
        private readonly List<RejectReason> _rejections = [];
        private readonly SemaphoreSlim _arrived = new(0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pump;

        public CompactFrontEnd(ChatSession session) =>
            _pump = ChatEventPump.RunAsync(session, Show, _stop.Token);

        public IReadOnlyList<string> Shown
        {
            get
            {
                lock (_replay)
                {
                    return [.. _shown];
                }
            }
        }

        public IReadOnlyList<RejectReason> Rejections
        {
            get
            {
                lock (_replay)
                {
                    return [.. _rejections];
                }
            }
        }

        public IReadOnlyList<ChatEvent> Replay
        {
            get
            {
                lock (_replay)
                {
                    return [.. _replay];
                }
            }
        }

        public async Task WaitForShownAsync(string text, TimeSpan? timeout = null)
        {
            using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
            while (!Shown.Contains(text))
            {
                try
                {
                    await _arrived.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"\"{text}\" was not shown; shown: {string.Join(", ", Shown)}; {Rejections.Count} rejections");
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _pump;
            _stop.Dispose();
            _arrived.Dispose();
        }

        private Task Show(IReadOnlyList<ChatEvent> batch)
        {
            lock (_replay)
            {
                foreach (var chatEvent in batch)
                {
                    switch (chatEvent)
                    {
                        case ChatEvent.PeerMessage message:
                            _shown.Add(message.Text);
                            _replay.Add(message with { Received = null });
                            break;
                        case ChatEvent.Rejected rejected:
                            _rejections.Add(rejected.Reason);
                            _replay.Add(rejected with { Received = null });
                            break;
                        default:
                            _replay.Add(chatEvent);
                            break;
                    }
                }
            }

            _arrived.Release();
            return Task.CompletedTask;
        }
    }
}

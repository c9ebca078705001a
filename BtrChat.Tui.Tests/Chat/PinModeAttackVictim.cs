using System.Collections.Concurrent;
using System.Diagnostics;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Chat;

/// <summary>
/// The attacked side of the PinModeAttack tests: a real pin-mode <see cref="ChatSession"/> on the emulator, reading
/// its rx queue through the real poller, channel and event pump, with a recording front end that also notes when
/// each event was shown. The attacker is a <see cref="ScriptedPeer"/> on the same two queues.
/// </summary>
internal sealed class PinModeAttackVictim : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly SqsEmulator _emulator;
    private readonly SqsMessageQueue _queue;
    private readonly ConcurrentQueue<(ChatEvent Event, long ShownAt)> _shown = new();

    private PinModeAttackVictim(SqsEmulator emulator, QueueNames names, string pin, HandshakePolicy policy)
    {
        _emulator = emulator;
        Names = names;
        _queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
        Session = new ChatSession(
            _queue,
            names,
            SecureChannels.Create(SecurityMode.Pin, new Pin(pin), names, policy),
            TimeProvider.System,
            Serilog.Core.Logger.None);
        Sees = new EventRecorder(Session, e => _shown.Enqueue((e, Stopwatch.GetTimestamp())));
    }

    /// <summary>Short enough for tests on the real clock (the session ticks once a second), the default's shape otherwise.</summary>
    public static HandshakePolicy ShortPolicy { get; } = HandshakePolicy.Default with
    {
        ConfirmTimeout = TimeSpan.FromSeconds(2),
        FirstRetryDelay = TimeSpan.FromSeconds(1),
        MaxFailures = 3,
        GapTimeout = TimeSpan.FromSeconds(2),
    };

    public QueueNames Names { get; }

    public ChatSession Session { get; }

    public EventRecorder Sees { get; }

    /// <summary>The texts shown as the peer's, in the order shown.</summary>
    public IReadOnlyList<string> Shown => [.. Sees.OfType<ChatEvent.PeerMessage>().Select(m => m.Text)];

    public IReadOnlyList<string> NoticeTexts => [.. Sees.OfType<ChatEvent.Notice>().Select(n => n.Text)];

    /// <summary>Safety codes of every SecurityChanged to Established, in order.</summary>
    public IReadOnlyList<string?> EstablishedCodes =>
        [.. Sees.OfType<ChatEvent.SecurityChanged>().Where(s => s.State == HandshakeState.Established).Select(s => s.SafetyCode)];

    public static async Task<PinModeAttackVictim> StartAsync(SqsEmulator emulator, bool fifo, HandshakePolicy? policy = null, string pin = "1234")
    {
        var names = new QueueNames(await emulator.CreateQueueAsync("victim-tx", fifo), await emulator.CreateQueueAsync("victim-rx", fifo));
        return await StartOnAsync(emulator, names, pin, policy);
    }

    public static async Task<PinModeAttackVictim> StartOnAsync(SqsEmulator emulator, QueueNames names, string pin, HandshakePolicy? policy = null)
    {
        var victim = new PinModeAttackVictim(emulator, names, pin, policy ?? ShortPolicy);
        victim.Session.Start();
        await victim.Sees.WaitForAsync<ChatEvent.ConnectionChanged>(c => c.Status.State == ConnectionState.Online);
        return victim;
    }

    /// <summary>A scripted peer on the victim's queues (its tx is the victim's rx), not yet started.</summary>
    public Task<ScriptedPeer> ConnectPeerAsync(string pin = "1234") =>
        ScriptedPeer.ConnectAsync(_emulator, tx: Names.Rx, rx: Names.Tx, pin);

    /// <summary>An honest peer with the right PIN, handshaken with the victim (both show the same safety code).</summary>
    public async Task<ScriptedPeer> EstablishWithPeerAsync()
    {
        var peer = await ConnectPeerAsync();
        try
        {
            await peer.StartAsync();
            await peer.PumpUntilEstablishedAsync();
            Assert.Equal(peer.Channel.SafetyCode, await EstablishedCodeAsync());
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <summary>Waits for the victim to show an established session other than <paramref name="not"/>; returns its safety code.</summary>
    public async Task<string> EstablishedCodeAsync(string? not = null) =>
        (await Sees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established && s.SafetyCode != not)).SafetyCode!;

    public Task<ChatEvent.PeerMessage> WaitForShownAsync(string text, TimeSpan? timeout = null) =>
        Sees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == text, timeout);

    public Task<ChatEvent.Notice> WaitForNoticeAsync(string containing, TimeSpan? timeout = null) =>
        Sees.WaitForAsync<ChatEvent.Notice>(n => n.Text.Contains(containing, StringComparison.Ordinal), timeout);

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the front end was handed <paramref name="shown"/>.</summary>
    public long ShownAt(ChatEvent shown) => _shown.First(s => ReferenceEquals(s.Event, shown)).ShownAt;

    /// <summary>Waits until the victim's rx queue holds nothing, visible or in flight: everything it read was settled.</summary>
    public async Task WaitUntilRxEmptyAsync(TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (await _emulator.CountMessagesAsync(Names.Rx) is var left && left > 0)
        {
            if (clock.Elapsed > (timeout ?? DefaultWait))
            {
                throw new TimeoutException($"{left} message(s) still in the victim's rx queue; it saw: {string.Join(", ", Sees.Events)}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sees.DisposeAsync();
        await Session.DisposeAsync();
        _queue.Dispose();
    }
}

using System.Globalization;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Ui;

/// <summary>
/// What the status bar says: mode and handshake, connection, when the peer last wrote, queues. Plain ASCII words,
/// so it reads the same without colour (NO_COLOR) and on a Linux console. <see cref="Format"/> is the whole rule:
/// the facts, a width and a time in, the text out.
/// </summary>
public sealed class StatusLine(SecurityMode mode, QueueNames queues)
{
    /// <summary>The shortest a queue name is cut to ("ab...fo") before the queues are left out altogether.</summary>
    public const int MinQueueName = 7;

    private const string Separator = " | ";
    private const string Ellipsis = "...";

    public SecurityMode Mode { get; } = mode;

    public QueueNames Queues { get; private set; } = queues;

    /// <summary>The connection in words with its detail, for session info; the bar itself says less (see <see cref="Format"/>).</summary>
    public string Connection => Notices.Connection(ConnectionStatus);

    public ConnectionStatus ConnectionStatus { get; private set; } = ConnectionStatus.Connecting;

    public HandshakeState? Handshake { get; private set; }

    public string? SafetyCode { get; private set; }

    /// <summary>When the peer's newest message was sent; null until one arrives.</summary>
    public DateTimeOffset? PeerLastMessage { get; private set; }

    /// <summary>Columns the text may use; the front end sets it from the screen.</summary>
    public int Width { get; set; } = int.MaxValue;

    /// <summary>The clock the retry countdown is counted on.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public string Text => Format(Width, Clock.GetUtcNow());

    /// <summary>
    /// Everything that fits in <paramref name="width"/> columns, most important first: the mode and handshake lead
    /// and are never cut (so LEGACY (insecure) always shows), then the connection, then the peer; the queue names are
    /// cut in the middle to fit, and left out only when even the shortest cut does not fit.
    /// </summary>
    public string Format(int width, DateTimeOffset now)
    {
        List<string> head = [Security(), ConnectionText(now)];
        if (PeerLastMessage is { } peer)
        {
            head.Add(PeerText(peer, now));
        }

        var fixedPart = string.Join(Separator, head);
        var full = $"{fixedPart}{Separator}{Queues.Tx} > {Queues.Rx}";
        if (full.Length <= width)
        {
            return full;
        }

        var forNames = width - fixedPart.Length - Separator.Length - " > ".Length;
        if (forNames >= 2 * MinQueueName)
        {
            var (tx, rx) = Share(forNames, Queues.Tx.Length, Queues.Rx.Length);
            return $"{fixedPart}{Separator}{Shorten(Queues.Tx, tx)} > {Shorten(Queues.Rx, rx)}";
        }

        if (fixedPart.Length > width && head.Count > 2)
        {
            fixedPart = string.Join(Separator, head.Take(2));
        }

        return fixedPart.Length <= width ? fixedPart : fixedPart[..Math.Max(width, head[0].Length)];
    }

    /// <summary>Cuts the middle out of <paramref name="name"/>, keeping its start and its end (".fifo").</summary>
    public static string Shorten(string name, int max)
    {
        if (name.Length <= max)
        {
            return name;
        }

        var kept = Math.Max(max - Ellipsis.Length, 2);
        return name[..((kept + 1) / 2)] + Ellipsis + name[^(kept / 2)..];
    }

    public void SetConnection(ConnectionStatus status) => ConnectionStatus = status;

    public void SetSecurity(HandshakeState state, string? safetyCode)
    {
        Handshake = state;
        SafetyCode = safetyCode;
    }

    public void SetQueues(QueueNames queues) => Queues = queues;

    /// <summary>A late message (older than one already shown) does not move the time back.</summary>
    public void SetPeerMessage(DateTimeOffset sentAt)
    {
        if (PeerLastMessage is null || sentAt > PeerLastMessage)
        {
            PeerLastMessage = sentAt;
        }
    }

    /// <summary>Splits the columns between the two names: a short name keeps its length and the other gets the rest.</summary>
    private static (int Tx, int Rx) Share(int columns, int txLength, int rxLength)
    {
        var half = columns / 2;
        if (txLength <= half)
        {
            return (txLength, columns - txLength);
        }

        return rxLength <= columns - half ? (columns - rxLength, rxLength) : (half, columns - half);
    }

    private string Security() =>
        Handshake is { } state ? $"{Mode.Describe()} {Notices.Security(state, SafetyCode)}" : Mode.Describe();

    private string ConnectionText(DateTimeOffset now) => ConnectionStatus switch
    {
        { State: ConnectionState.Online } => "online",
        { State: ConnectionState.Connecting } => "connecting",
        { State: ConnectionState.Offline, RetryAt: { } at } when at > now =>
            $"offline, retrying in {Math.Ceiling((at - now).TotalSeconds).ToString(CultureInfo.InvariantCulture)}s",
        { State: ConnectionState.Offline, RetryAt: not null } => "offline, retrying now",
        { State: ConnectionState.Offline } => "offline",
        _ => "stopped: /retry",
    };

    private static string PeerText(DateTimeOffset sentAt, DateTimeOffset now)
    {
        var local = sentAt.ToLocalTime();
        var format = local.Date == now.ToLocalTime().Date ? "HH:mm" : "MM-dd HH:mm";
        return "peer " + local.ToString(format, CultureInfo.InvariantCulture);
    }
}

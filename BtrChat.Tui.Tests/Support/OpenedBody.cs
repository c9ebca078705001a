using BtrChat.Protocol;

namespace BtrChat.Tests.Support;

/// <summary>The single output a legacy channel gives for one body, in the shape tests assert on.</summary>
public sealed record OpenedBody(string? Text, DateTimeOffset SentAt, RejectReason Reason)
{
    public bool IsMessage => Text is not null;

    public static OpenedBody From(IReadOnlyList<ChannelOutput> outputs) => Assert.Single(outputs) switch
    {
        ChannelOutput.Message message => new(message.Text, message.SentAt, RejectReason.None),
        ChannelOutput.Rejected rejected => new(null, default, rejected.Reason),
        var other => throw new InvalidOperationException($"unexpected output {other}"),
    };
}

public static class LegacyChannelTestExtensions
{
    public static OpenedBody Open(this LegacyChannel channel, string body, DateTimeOffset now) =>
        OpenedBody.From(channel.Open(body, null, now));
}

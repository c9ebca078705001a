using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// Runs the handshake between two pin-mode channels in memory: each side's frames are handed to the other until both
/// are quiet, and everything either side produced on the way comes back, so a test can see its SessionStarted.
/// </summary>
internal static class InMemoryHandshake
{
    public static PinChannel Alice(HandshakePolicy policy) => PinChannel.ForPin(new Pin("1234"), new QueuePair("a-to-b", "b-to-a"), policy);

    public static PinChannel Bob(HandshakePolicy policy) => PinChannel.ForPin(new Pin("1234"), new QueuePair("b-to-a", "a-to-b"), policy);

    /// <summary>Starts both sides at <paramref name="now"/> and exchanges their frames until both have a session.</summary>
    public static void Connect(PinChannel alice, PinChannel bob, DateTimeOffset now)
    {
        Exchange(alice, alice.Start(now), bob, bob.Start(now), now);
        if (!alice.CanSeal || !bob.CanSeal)
        {
            throw new InvalidOperationException("the handshake did not complete");
        }
    }

    /// <summary>Delivers the frames each side asks to send until both are quiet; returns all that each side produced.</summary>
    public static (List<ChannelOutput> AliceSaw, List<ChannelOutput> BobSaw) Exchange(
        PinChannel alice, IEnumerable<ChannelOutput> fromAlice, PinChannel bob, IEnumerable<ChannelOutput> fromBob, DateTimeOffset now)
    {
        List<ChannelOutput> aliceSaw = [.. fromAlice];
        List<ChannelOutput> bobSaw = [.. fromBob];
        var toBob = new Queue<string>(aliceSaw.OfType<ChannelOutput.Send>().Select(s => s.Body));
        var toAlice = new Queue<string>(bobSaw.OfType<ChannelOutput.Send>().Select(s => s.Body));
        for (var rounds = 0; (toBob.Count > 0 || toAlice.Count > 0) && rounds < 100; rounds++)
        {
            Deliver(toBob, bob, bobSaw, toAlice, now);
            Deliver(toAlice, alice, aliceSaw, toBob, now);
        }

        return (aliceSaw, bobSaw);
    }

    private static void Deliver(Queue<string> inbox, PinChannel to, List<ChannelOutput> saw, Queue<string> replies, DateTimeOffset now)
    {
        while (inbox.TryDequeue(out var body))
        {
            var outputs = to.Open(body, null, now);
            saw.AddRange(outputs);
            foreach (var send in outputs.OfType<ChannelOutput.Send>())
            {
                replies.Enqueue(send.Body);
            }
        }
    }
}

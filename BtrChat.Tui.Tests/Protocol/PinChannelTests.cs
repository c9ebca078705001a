using BtrChat.Crypto;
using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

/// <summary>Two pin-mode channels wired to each other in memory: the data path's defences, without queues.</summary>
public sealed class PinChannelTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly HandshakePolicy Policy = HandshakePolicy.Default with { GapTimeout = TimeSpan.FromSeconds(10) };
    private readonly PinChannel _alice = PinChannel.ForPin(new Pin("1234"), new QueuePair("a-to-b", "b-to-a"), Policy);
    private readonly PinChannel _bob = PinChannel.ForPin(new Pin("1234"), new QueuePair("b-to-a", "a-to-b"), Policy);

    [Fact]
    public void Seal_BeforeTheHandshake_WaitsAndAfterItTheTextArrives()
    {
        Assert.Null(_alice.Seal("too early", T0));
        Assert.False(_alice.CanSeal);

        Connect();

        Assert.Equal(["hello bob"], Shown(_bob.Open(_alice.Seal("hello bob", T0)!, "t1", T0)));
        Assert.Equal(_alice.SafetyCode, _bob.SafetyCode);
    }

    [Fact]
    public void Receipt_AfterThePeerShowedTwoMessages_OneCumulativeReceiptDeliversBothOnce()
    {
        Connect();
        BobShows(_bob.Open(_alice.Seal("one", T0, localId: 5)!, "t1", T0));
        BobShows(_bob.Open(_alice.Seal("two", T0, localId: 6)!, "t2", T0));

        var receipt = Assert.Single(_bob.Tick(T0 + Policy.ReceiptInterval).OfType<ChannelOutput.Send>()).Body;
        var delivered = _alice.Open(receipt, "r", T0);

        Assert.Equal([5L, 6L], Assert.Single(delivered.OfType<ChannelOutput.Delivered>()).LocalIds);
        Assert.Equal("r", Assert.Single(delivered.OfType<ChannelOutput.Consumed>()).Tag);
        Assert.Empty(_alice.Open(receipt, "again", T0).OfType<ChannelOutput.Delivered>());
        Assert.Empty(_bob.Tick(T0 + (Policy.ReceiptInterval * 2)).OfType<ChannelOutput.Send>());
    }

    [Fact]
    public void Receipt_MessageHandedOutButNotYetShown_IsNotAcknowledgedUntilTheFrontEndShowsIt()
    {
        Connect();
        var handedOut = Assert.Single(_bob.Open(_alice.Seal("one", T0, localId: 5)!, "t1", T0).OfType<ChannelOutput.Message>());

        Assert.Empty(_bob.Tick(T0 + Policy.ReceiptInterval).OfType<ChannelOutput.Send>());
        _bob.Shown(handedOut.Position!.Value);
        var receipt = Assert.Single(_bob.Tick(T0 + (Policy.ReceiptInterval * 2)).OfType<ChannelOutput.Send>()).Body;

        Assert.Equal([5L], Assert.Single(_alice.Open(receipt, "r", T0).OfType<ChannelOutput.Delivered>()).LocalIds);
    }

    [Fact]
    public void Receipt_IsNotShownAsAGapInTheDataSequence()
    {
        Connect();
        BobShows(_bob.Open(_alice.Seal("one", T0, localId: 1)!, "t1", T0));
        var receipt = Assert.Single(_bob.Tick(T0 + Policy.ReceiptInterval).OfType<ChannelOutput.Send>()).Body;
        _alice.Open(receipt, "r1", T0);

        var next = _bob.Seal("from bob", T0)!;

        Assert.Equal(["from bob"], Shown(_alice.Open(next, "t", T0)));
        Assert.Empty(_alice.Tick(T0 + TimeSpan.FromMinutes(1)).OfType<ChannelOutput.Missing>());
    }

    [Fact]
    public void Open_OurOwnTokenReflectedBack_IsRejectedAsNotThisSession()
    {
        Connect();
        var own = _alice.Seal("mine", T0)!;

        Assert.Equal(RejectReason.NotThisSession, Rejected(_alice.Open(own, "t", T0)));
    }

    [Fact]
    public void Open_SameTokenTwice_IsShownOnceAndTheReplayIsConsumedSilently()
    {
        Connect();
        var token = _alice.Seal("once", T0)!;

        Assert.Equal(["once"], Shown(_bob.Open(token, "first", T0)));
        var replay = _bob.Open(token, "second", T0);

        Assert.Empty(Shown(replay));
        Assert.Equal("second", Assert.Single(replay.OfType<ChannelOutput.Consumed>()).Tag);
    }

    [Fact]
    public void Open_OutOfOrder_IsShownInSequenceOrder()
    {
        Connect();
        var tokens = new[] { "one", "two", "three" }.Select(t => _alice.Seal(t, T0)!).ToArray();

        var shown = Shown(_bob.Open(tokens[2], "3", T0)).Concat(Shown(_bob.Open(tokens[0], "1", T0))).Concat(Shown(_bob.Open(tokens[1], "2", T0)));

        Assert.Equal(["one", "two", "three"], shown);
    }

    [Fact]
    public void Open_GapThatNeverFills_IsShownAsMissingAfterTheGapTimeout()
    {
        Connect();
        _ = _alice.Seal("lost", T0);
        var second = _alice.Seal("second", T0)!;

        Assert.Empty(Shown(_bob.Open(second, "2", T0)));
        Assert.Empty(_bob.Tick(T0 + TimeSpan.FromSeconds(5)).OfType<ChannelOutput.Missing>());
        var later = _bob.Tick(T0 + Policy.GapTimeout);

        Assert.Equal(1UL, Assert.Single(later.OfType<ChannelOutput.Missing>()).Count);
        Assert.Equal(["second"], Shown(later));
    }

    [Fact]
    public void Open_TamperedToken_IsRejected()
    {
        Connect();
        var token = _alice.Seal("tamper", T0)!.ToCharArray();
        token[40] = token[40] == 'A' ? 'B' : 'A';

        Assert.NotEqual(RejectReason.None, Rejected(_bob.Open(new string(token), "t", T0)));
    }

    [Fact]
    public void Open_TokenDatedAnHourAhead_IsRejectedAsFromTheFuture()
    {
        Connect();
        var token = _alice.Seal("from the future", T0.AddHours(1))!;

        Assert.Equal(RejectReason.FromTheFuture, Rejected(_bob.Open(token, "t", T0)));
    }

    [Fact]
    public void Open_TokenDaysOld_IsStillShown()
    {
        Connect();
        var token = _alice.Seal("waited in the queue", T0)!;

        Assert.Equal(["waited in the queue"], Shown(_bob.Open(token, "t", T0.AddDays(3))));
    }

    [Fact]
    public void Open_TokenOfAnEarlierSession_IsRejectedAfterThePeerRestarted()
    {
        Connect();
        var old = _alice.Seal("old session", T0)!;
        using var alice2 = PinChannel.ForPin(new Pin("1234"), new QueuePair("a-to-b", "b-to-a"), Policy);
        Exchange(alice2, alice2.Start(T0), _bob, []);

        Assert.Equal(RejectReason.NotThisSession, Rejected(_bob.Open(old, "t", T0)));
        Assert.Equal(["new"], Shown(_bob.Open(alice2.Seal("new", T0)!, "t2", T0)));
    }

    [Fact]
    public void Open_HandshakeFrame_IsConsumedWithItsTag()
    {
        var hello = _alice.Start(T0).OfType<ChannelOutput.Send>().Single().Body;

        var outputs = _bob.Open(hello, "hello-tag", T0);

        Assert.Equal("hello-tag", Assert.Single(outputs.OfType<ChannelOutput.Consumed>()).Tag);
        Assert.StartsWith("btr1:", hello, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("btr1:%%%")]
    [InlineData("gAAAAA")]
    public void Open_Junk_IsRejectedNeverThrown(string body)
    {
        Connect();

        Assert.NotEqual(RejectReason.None, Rejected(_bob.Open(body, "t", T0)));
    }

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    private static IEnumerable<string> Shown(IEnumerable<ChannelOutput> outputs) =>
        outputs.OfType<ChannelOutput.Message>().Select(m => m.Text).ToArray();

    private static RejectReason Rejected(IEnumerable<ChannelOutput> outputs) =>
        outputs.OfType<ChannelOutput.Rejected>().SingleOrDefault()?.Reason ?? RejectReason.None;

    /// <summary>Delivers the frames each side asks to send until both are quiet.</summary>
    private static void Exchange(PinChannel alice, IEnumerable<ChannelOutput> fromAlice, PinChannel bob, IEnumerable<ChannelOutput> fromBob)
    {
        var toBob = new Queue<string>(fromAlice.OfType<ChannelOutput.Send>().Select(s => s.Body));
        var toAlice = new Queue<string>(fromBob.OfType<ChannelOutput.Send>().Select(s => s.Body));
        for (var rounds = 0; (toBob.Count > 0 || toAlice.Count > 0) && rounds < 100; rounds++)
        {
            while (toBob.TryDequeue(out var body))
            {
                foreach (var send in bob.Open(body, null, T0).OfType<ChannelOutput.Send>())
                {
                    toAlice.Enqueue(send.Body);
                }
            }

            while (toAlice.TryDequeue(out var body))
            {
                foreach (var send in alice.Open(body, null, T0).OfType<ChannelOutput.Send>())
                {
                    toBob.Enqueue(send.Body);
                }
            }
        }
    }

    private void Connect()
    {
        Exchange(_alice, _alice.Start(T0), _bob, _bob.Start(T0));
        Assert.True(_alice.CanSeal && _bob.CanSeal, "the handshake did not complete");
    }

    private void BobShows(IReadOnlyList<ChannelOutput> outputs)
    {
        foreach (var message in outputs.OfType<ChannelOutput.Message>())
        {
            _bob.Shown(message.Position!.Value);
        }
    }
}

using System.Text;
using BtrChat.Crypto;
using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

/// <summary>The handshake state machine, fed frames by hand: no queues, no clock but the one passed in.</summary>
public sealed class HandshakeTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly HandshakePolicy Policy = HandshakePolicy.Default with { ConfirmTimeout = TimeSpan.FromMinutes(1), FirstRetryDelay = TimeSpan.FromSeconds(10), MaxFailures = 3 };
    private readonly List<Handshake> _made = [];

    [Fact]
    public void BothStart_ExchangeEverything_BothEstablishedWithTheSameSafetyCodeAndMirroredKeys()
    {
        var (alice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "1234"));

        Converge(alice, alice.Start(), bob, bob.Start());

        Assert.Equal(HandshakeState.Established, alice.State);
        Assert.Equal(HandshakeState.Established, bob.State);
        Assert.Equal(alice.Current!.SafetyCode, bob.Current!.SafetyCode);
        Assert.Matches(@"^\d{4} \d{4} \d{4}$", alice.Current.SafetyCode);
        Assert.Equal(alice.Current.SendKey.ToBase64Url(), bob.Current.ReceiveKey.ToBase64Url());
        Assert.NotEqual(alice.Current.SendKey.ToBase64Url(), alice.Current.ReceiveKey.ToBase64Url());
        Assert.Equal((alice.Mine, bob.Mine), (bob.Current.Peer, alice.Current.Peer));
    }

    [Fact]
    public void DifferentPins_Exchange_BothReportPinMismatchAndNeitherEstablishes()
    {
        var (alice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "9999"));

        var (aliceSaw, bobSaw) = Converge(alice, alice.Start(), bob, bob.Start());

        Assert.Null(alice.Current);
        Assert.Null(bob.Current);
        Assert.Contains(aliceSaw.OfType<HandshakeAction.Notice>(), n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        Assert.Contains(bobSaw.OfType<HandshakeAction.Notice>(), n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        Assert.Equal(1, alice.FailedAttempts);
        Assert.Equal(1, bob.FailedAttempts);
    }

    [Fact]
    public void PeerStartsLater_HelloWaitedInTheQueue_HandshakeCompletes()
    {
        var alice = Make(PeerRole.A, "1234");
        var waitingInQueue = alice.Start();

        var bob = Make(PeerRole.B, "1234");
        Converge(alice, waitingInQueue, bob, bob.Start(), T0.AddHours(5));

        Assert.Equal(HandshakeState.Established, alice.State);
        Assert.Equal(alice.Current!.SafetyCode, bob.Current!.SafetyCode);
    }

    [Fact]
    public void PeerRestarts_NewHelloWhileEstablished_OldSessionStaysUntilTheNewOneConfirms()
    {
        var (alice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "1234"));
        Converge(alice, alice.Start(), bob, bob.Start());
        var oldCode = alice.Current!.SafetyCode;
        var bob2 = Make(PeerRole.B, "1234");

        var answer = alice.OnHello(Frames(bob2.Start()).Single(), T0);

        Assert.Equal(oldCode, alice.Current!.SafetyCode);
        Assert.Equal(HandshakeState.Established, alice.State);
        var (aliceSaw, _) = Converge(alice, answer, bob2, []);
        var established = Assert.Single(aliceSaw.OfType<HandshakeAction.Established>());
        Assert.True(established.ReplacesSession);
        Assert.Equal(bob2.Current!.SafetyCode, alice.Current!.SafetyCode);
        Assert.NotEqual(oldCode, alice.Current.SafetyCode);
    }

    [Fact]
    public void Hello_ReplayedWithAnAnsweredSessionId_IsNotAnsweredAgain()
    {
        var (alice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "1234"));
        var bobHello = Frames(bob.Start()).Single();
        alice.Start();

        Assert.NotEmpty(Frames(alice.OnHello(bobHello, T0)));
        Assert.Empty(Frames(alice.OnHello(bobHello, T0)));
    }

    [Fact]
    public void Hello_OurOwnReflectedBack_IsIgnored()
    {
        var alice = Make(PeerRole.A, "1234");
        var own = Frames(alice.Start()).Single();

        var actions = alice.OnHello(own, T0);

        Assert.Empty(Frames(actions));
        Assert.IsType<HandshakeAction.Ignored>(Assert.Single(actions));
    }

    [Fact]
    public void Confirm_ForAnEarlierSessionOfOurs_IsIgnoredWithoutCountingAFailure()
    {
        var (oldAlice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "1234"));
        var bobAnswer = bob.OnHello(Frames(oldAlice.Start()).Single(), T0);
        var alice = Make(PeerRole.A, "1234");
        alice.Start();

        var actions = alice.OnConfirm(Frames(bobAnswer).Single(f => f.Kind == EnvelopeKind.Confirm), T0);

        Assert.IsType<HandshakeAction.Ignored>(Assert.Single(actions));
        Assert.Equal(0, alice.FailedAttempts);
    }

    [Fact]
    public void Confirm_TamperedMac_IsAPinMismatchAndTheAttemptIsDropped()
    {
        var (alice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "1234"));
        alice.OnHello(Frames(bob.Start()).Single(), T0);
        var confirm = Frames(bob.OnHello(Frames(alice.Start()).Single(), T0)).Single(f => f.Kind == EnvelopeKind.Confirm);
        var mac = confirm.Payload.ToArray();
        mac[0] ^= 1;

        var actions = alice.OnConfirm(Envelope.Confirm(confirm.SenderRole, confirm.Sender, confirm.Recipient, mac), T0);

        Assert.Contains(actions.OfType<HandshakeAction.Notice>(), n => n.Text.StartsWith(Handshake.PinMismatch, StringComparison.Ordinal));
        Assert.Null(alice.Current);
        Assert.IsType<HandshakeAction.Ignored>(Assert.Single(alice.OnConfirm(confirm, T0)));
    }

    [Fact]
    public void Confirm_ArrivingBeforeItsHello_IsKeptAndVerifiedWhenTheHelloComes()
    {
        var (alice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "1234"));
        var aliceHello = Frames(alice.Start()).Single();
        var bobFrames = Frames(bob.OnHello(aliceHello, T0));
        var bobConfirm = bobFrames.Single(f => f.Kind == EnvelopeKind.Confirm);
        var bobHello = bobFrames.Single(f => f.Kind == EnvelopeKind.Hello);

        alice.OnConfirm(bobConfirm, T0);
        var actions = alice.OnHello(bobHello, T0);

        Assert.Single(actions.OfType<HandshakeAction.Established>());
        Assert.Equal(HandshakeState.Established, alice.State);
    }

    [Fact]
    public void GuessingAttacker_ManyHellosNeverConfirmed_EachCountsAnswersSlowDownThenStop()
    {
        var alice = Make(PeerRole.A, "1234");
        alice.Start();
        var now = T0;
        var notices = new List<string>();

        var first = alice.OnHello(AttackerHello("0000"), now);
        Assert.NotEmpty(Frames(first));
        Assert.Equal(HandshakeState.Confirming, alice.State);
        now += Policy.ConfirmTimeout;
        notices.AddRange(alice.Tick(now).OfType<HandshakeAction.Notice>().Select(n => n.Text));
        Assert.Equal(1, alice.FailedAttempts);

        var tooSoon = alice.OnHello(AttackerHello("0001"), now);
        Assert.Empty(Frames(tooSoon));
        var afterWait = alice.Tick(now + Policy.FirstRetryDelay);
        Assert.NotEmpty(Frames(afterWait));
        now += Policy.FirstRetryDelay + Policy.ConfirmTimeout;
        notices.AddRange(alice.Tick(now).OfType<HandshakeAction.Notice>().Select(n => n.Text));

        now += Policy.FirstRetryDelay * 2;
        Assert.NotEmpty(Frames(alice.OnHello(AttackerHello("0002"), now)));
        now += Policy.ConfirmTimeout;
        notices.AddRange(alice.Tick(now).OfType<HandshakeAction.Notice>().Select(n => n.Text));

        Assert.Equal(HandshakeState.Failed, alice.State);
        Assert.Equal(3, alice.FailedAttempts);
        Assert.Equal(3, notices.Count(n => n.Contains("(failed attempt", StringComparison.Ordinal)));
        Assert.Contains(notices, n => n.StartsWith("Stopped answering", StringComparison.Ordinal));
        Assert.Empty(Frames(alice.OnHello(AttackerHello("0003"), now + TimeSpan.FromDays(1))));
    }

    [Fact]
    public void Restart_AfterLockout_AnswersAgainUnderANewSessionId()
    {
        var alice = Make(PeerRole.A, "1234");
        alice.Start();
        var now = T0;
        for (var i = 0; i < Policy.MaxFailures; i++)
        {
            alice.OnHello(AttackerHello($"{i:0000}"), now);
            now += TimeSpan.FromDays(1);
            alice.Tick(now);
        }

        var oldSession = alice.Mine;
        var restart = alice.Restart(Password("1234"));

        Assert.NotEqual(oldSession, alice.Mine);
        Assert.Equal(EnvelopeKind.Hello, Frames(restart).Single().Kind);
        Assert.Equal(HandshakeState.WaitingForPeer, alice.State);
        Assert.NotEmpty(Frames(alice.OnHello(AttackerHello("9999"), now)));
    }

    [Fact]
    public void Restart_WithThePeersPinAfterAMismatch_AnswersThePeersRunningHandshakeAndConverges()
    {
        var (alice, bob) = (Make(PeerRole.A, "1111"), Make(PeerRole.B, "2222"));
        var bobHello = Frames(bob.Start()).Single();
        Converge(alice, alice.Start(), bob, [new HandshakeAction.Send(bobHello)]);
        Assert.Null(alice.Current);

        // Bob keeps running; his failed attempt makes him wait FirstRetryDelay before answering again.
        var later = T0 + Policy.FirstRetryDelay;
        var restart = alice.Restart(Password("2222"));
        var (aliceSaw, _) = Converge(alice, [.. restart, .. alice.OnHello(bobHello, later)], bob, [], later);

        Assert.Single(aliceSaw.OfType<HandshakeAction.Established>());
        Assert.Equal(HandshakeState.Established, bob.State);
        Assert.Equal(alice.Current!.SafetyCode, bob.Current!.SafetyCode);
    }

    [Fact]
    public void InjectedHelloWhileEstablished_NeverConfirmed_SessionKeepsWorking()
    {
        var (alice, bob) = (Make(PeerRole.A, "1234"), Make(PeerRole.B, "1234"));
        Converge(alice, alice.Start(), bob, bob.Start());
        var session = alice.Current;

        alice.OnHello(AttackerHello("0000"), T0);
        alice.Tick(T0 + Policy.ConfirmTimeout);

        Assert.Same(session, alice.Current);
        Assert.Equal(HandshakeState.Established, alice.State);
        Assert.Equal(1, alice.FailedAttempts);
    }

    public void Dispose()
    {
        foreach (var handshake in _made)
        {
            handshake.Dispose();
        }
    }

    private static Spake2Password Password(string pin) =>
        Spake2Password.Derive(PinChannel.PasswordLabel, ["a-to-b", "b-to-a"], Encoding.UTF8.GetBytes(pin));

    private static IEnumerable<Envelope> Frames(IEnumerable<HandshakeAction> actions) =>
        actions.OfType<HandshakeAction.Send>().Select(s => s.Frame);

    /// <summary>Delivers each side's frames to the other until neither has anything more to say.</summary>
    private static (List<HandshakeAction> AliceSaw, List<HandshakeAction> BobSaw) Converge(
        Handshake alice, IEnumerable<HandshakeAction> fromAlice, Handshake bob, IEnumerable<HandshakeAction> fromBob, DateTimeOffset? at = null)
    {
        var now = at ?? T0;
        var (aliceSaw, bobSaw) = (new List<HandshakeAction>(), new List<HandshakeAction>());
        var toBob = new Queue<Envelope>(Frames(fromAlice));
        var toAlice = new Queue<Envelope>(Frames(fromBob));
        for (var rounds = 0; (toBob.Count > 0 || toAlice.Count > 0) && rounds < 100; rounds++)
        {
            Deliver(bob, toBob, toAlice, bobSaw, now);
            Deliver(alice, toAlice, toBob, aliceSaw, now);
        }

        return (aliceSaw, bobSaw);
    }

    private static void Deliver(Handshake to, Queue<Envelope> inbox, Queue<Envelope> replies, List<HandshakeAction> saw, DateTimeOffset now)
    {
        while (inbox.TryDequeue(out var frame))
        {
            var actions = frame.Kind == EnvelopeKind.Hello ? to.OnHello(frame, now) : to.OnConfirm(frame, now);
            saw.AddRange(actions);
            foreach (var reply in Frames(actions))
            {
                replies.Enqueue(reply);
            }
        }
    }

    private Handshake Make(PeerRole role, string pin)
    {
        var handshake = new Handshake(role, "btrchat/1 A a-to-b"u8.ToArray(), "btrchat/1 B b-to-a"u8.ToArray(), Password(pin), Policy);
        _made.Add(handshake);
        return handshake;
    }

    /// <summary>A fresh hello from someone guessing <paramref name="pin"/>, who will never confirm.</summary>
    private Envelope AttackerHello(string pin) => Frames(Make(PeerRole.B, pin).Start()).Single();
}

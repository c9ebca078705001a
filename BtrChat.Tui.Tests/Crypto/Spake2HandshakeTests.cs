using System.Text;
using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

/// <summary>Handshakes between two parties with fresh random scalars.</summary>
public class Spake2HandshakeTests
{
    private const string Label = "btrchat v1 spake2 w";

    private static readonly string[] Queues = ["btrchat-alice", "btrchat-bob"];

    private static readonly byte[] IdA = "alice"u8.ToArray();

    private static readonly byte[] IdB = "bob"u8.ToArray();

    [Fact]
    public void TryFinish_SamePassword_BothSidesConfirmAndShareKe()
    {
        using Spake2Password password = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        (Spake2Keys keysA, Spake2Keys keysB) = Exchange(a, b, "aad"u8, "aad"u8);
        using (keysA)
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            Assert.True(keysB.VerifyPeerConfirmation(keysA.Confirmation));
            Assert.Equal(Spake2Keys.SharedSecretSize, keysA.SharedSecret.Length);
            Assert.Equal(keysA.SharedSecret.ToArray(), keysB.SharedSecret.ToArray());
        }
    }

    [Fact]
    public void TryFinish_EachSideWithItsOwnDerivation_ConfirmsBothWays()
    {
        // Each side derives w itself, as two btrchat processes would.
        using Spake2Password passwordA = Password("swordfish");
        using Spake2Password passwordB = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, passwordA);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, passwordB);

        (Spake2Keys keysA, Spake2Keys keysB) = Exchange(a, b, [], []);
        using (keysA)
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            Assert.True(keysB.VerifyPeerConfirmation(keysA.Confirmation));
        }
    }

    [Fact]
    public void TryFinish_DifferentPasswords_KeysDifferAndNeitherConfirmationVerifies()
    {
        using Spake2Password passwordA = Password("swordfish");
        using Spake2Password passwordB = Password("swordfisH");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, passwordA);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, passwordB);

        (Spake2Keys keysA, Spake2Keys keysB) = Exchange(a, b, [], []);
        using (keysA)
        using (keysB)
        {
            Assert.NotEqual(keysA.Ke.ToArray(), keysB.Ke.ToArray());
            Assert.False(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            Assert.False(keysB.VerifyPeerConfirmation(keysA.Confirmation));
            Assert.Throws<InvalidOperationException>(() => keysA.SharedSecret.Length);
            Assert.Throws<InvalidOperationException>(() => keysB.SharedSecret.Length);
        }
    }

    [Fact]
    public void TryFinish_DifferentAssociatedData_SameKeButNeitherConfirmationVerifies()
    {
        using Spake2Password password = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        (Spake2Keys keysA, Spake2Keys keysB) = Exchange(a, b, "session 1"u8, "session 2"u8);
        using (keysA)
        using (keysB)
        {
            // AAD only enters the confirmation keys, as RFC 9382 lays it out.
            Assert.Equal(keysA.Ke.ToArray(), keysB.Ke.ToArray());
            Assert.False(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            Assert.False(keysB.VerifyPeerConfirmation(keysA.Confirmation));
        }
    }

    [Fact]
    public void TryFinish_DifferentIdentities_NeitherConfirmationVerifies()
    {
        using Spake2Password password = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, "mallory"u8, password);

        (Spake2Keys keysA, Spake2Keys keysB) = Exchange(a, b, [], []);
        using (keysA)
        using (keysB)
        {
            Assert.NotEqual(keysA.Ke.ToArray(), keysB.Ke.ToArray());
            Assert.False(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            Assert.False(keysB.VerifyPeerConfirmation(keysA.Confirmation));
        }
    }

    [Fact]
    public void TryFinish_BothSidesInTheSameRole_NeitherConfirmationVerifies()
    {
        using Spake2Password password = Password("swordfish");
        using var first = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var second = new Spake2Party(Spake2Role.A, IdA, IdB, password);

        (Spake2Keys keysFirst, Spake2Keys keysSecond) = Exchange(first, second, [], []);
        using (keysFirst)
        using (keysSecond)
        {
            Assert.False(keysFirst.VerifyPeerConfirmation(keysSecond.Confirmation));
            Assert.False(keysSecond.VerifyPeerConfirmation(keysFirst.Confirmation));
        }
    }

    [Fact]
    public void Share_TwoHandshakesUnderOnePassword_DifferAndYieldDifferentKeys()
    {
        using Spake2Password password = Password("swordfish");
        using var a1 = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b1 = new Spake2Party(Spake2Role.B, IdA, IdB, password);
        using var a2 = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b2 = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        (Spake2Keys keysA1, Spake2Keys keysB1) = Exchange(a1, b1, [], []);
        (Spake2Keys keysA2, Spake2Keys keysB2) = Exchange(a2, b2, [], []);
        using (keysA1)
        using (keysB1)
        using (keysA2)
        using (keysB2)
        {
            Assert.NotEqual(a1.Share.ToArray(), a2.Share.ToArray());
            Assert.NotEqual(b1.Share.ToArray(), b2.Share.ToArray());
            Assert.NotEqual(keysA1.Ke.ToArray(), keysA2.Ke.ToArray());
        }
    }

    [Fact]
    public void Share_AnyParty_IsAnUncompressedPoint()
    {
        using Spake2Password password = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);

        Assert.Equal(Spake2Party.ShareSize, a.Share.Length);
        Assert.Equal(0x04, a.Share[0]);
        Assert.True(Spake2Curve.TryDecode(a.Share, out _));
    }

    [Fact]
    public void TryFinish_PasswordDisposedAfterThePartyStarted_StillCompletes()
    {
        Spake2Password password = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);
        password.Dispose();

        (Spake2Keys keysA, Spake2Keys keysB) = Exchange(a, b, [], []);
        using (keysA)
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));
        }
    }

    [Fact]
    public void TryFinish_SecondPeerShare_AnswersWithKeysOnlyThatPeerConfirms()
    {
        using Spake2Password password = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var firstB = new Spake2Party(Spake2Role.B, IdA, IdB, password);
        using var restartedB = new Spake2Party(Spake2Role.B, IdA, IdB, password);
        Assert.True(a.TryFinish(firstB.Share, [], out Spake2Keys? withFirst));
        Assert.True(a.TryFinish(restartedB.Share, [], out Spake2Keys? withRestarted));
        Assert.True(restartedB.TryFinish(a.Share, [], out Spake2Keys? restartedKeys));
        using (withFirst)
        using (withRestarted)
        using (restartedKeys)
        {
            Assert.True(withRestarted.VerifyPeerConfirmation(restartedKeys.Confirmation));
            Assert.False(withFirst.VerifyPeerConfirmation(restartedKeys.Confirmation));
            Assert.NotEqual(withFirst.Ke.ToArray(), withRestarted.Ke.ToArray());
        }
    }

    [Fact]
    public void TryFinish_DisposedParty_Throws()
    {
        using Spake2Password password = Password("swordfish");
        var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);
        a.Dispose();

        Assert.Throws<ObjectDisposedException>(() => a.TryFinish(b.Share, [], out _));
        Assert.Throws<ObjectDisposedException>(() => a.Share.Length);
    }

    [Fact]
    public void Constructor_UndefinedRole_Throws()
    {
        using Spake2Password password = Password("swordfish");

        Assert.Throws<ArgumentOutOfRangeException>(() => new Spake2Party((Spake2Role)2, IdA, IdB, password));
    }

    [Fact]
    public void ToString_PartyAndKeys_RevealNoSecret()
    {
        using Spake2Password password = Password("swordfish");
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);
        (Spake2Keys keysA, Spake2Keys keysB) = Exchange(a, b, [], []);
        using (keysA)
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            string ke = Convert.ToHexString(keysA.SharedSecret);

            Assert.Equal("Spake2Party(A, redacted)", a.ToString());
            Assert.Equal("Spake2Keys(A, redacted)", keysA.ToString());
            Assert.DoesNotContain(ke, keysA.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Spake2Password Password(string text) =>
        Spake2Password.Derive(Label, Queues, Encoding.UTF8.GetBytes(text));

    private static (Spake2Keys A, Spake2Keys B) Exchange(
        Spake2Party a,
        Spake2Party b,
        ReadOnlySpan<byte> aadA,
        ReadOnlySpan<byte> aadB)
    {
        Assert.True(a.TryFinish(b.Share, aadA, out Spake2Keys? keysA));
        Assert.True(b.TryFinish(a.Share, aadB, out Spake2Keys? keysB));
        return (keysA, keysB);
    }
}

using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

/// <summary>Checking the peer's confirmation MAC, and what stays locked until it passes.</summary>
public class Spake2ConfirmationTests
{
    private static readonly byte[] IdA = "alice"u8.ToArray();

    private static readonly byte[] IdB = "bob"u8.ToArray();

    [Fact]
    public void VerifyPeerConfirmation_AnySingleBitFlipped_Fails()
    {
        (Spake2Keys keysA, Spake2Keys keysB) = Handshake();
        using (keysA)
        using (keysB)
        {
            byte[] mac = keysB.Confirmation.ToArray();
            for (int bit = 0; bit < mac.Length * 8; bit++)
            {
                mac[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.False(keysA.VerifyPeerConfirmation(mac), $"bit {bit} flipped");
                mac[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            Assert.True(keysA.VerifyPeerConfirmation(mac));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void VerifyPeerConfirmation_WrongLength_Fails(int length)
    {
        (Spake2Keys keysA, Spake2Keys keysB) = Handshake();
        using (keysA)
        using (keysB)
        {
            byte[] mac = new byte[length];
            keysB.Confirmation[..Math.Min(length, Spake2Keys.ConfirmationSize)].CopyTo(mac);

            Assert.False(keysA.VerifyPeerConfirmation(mac));
        }
    }

    [Fact]
    public void VerifyPeerConfirmation_OwnMacSentBack_Fails()
    {
        (Spake2Keys keysA, Spake2Keys keysB) = Handshake();
        using (keysA)
        using (keysB)
        {
            Assert.False(keysA.VerifyPeerConfirmation(keysA.Confirmation));
            Assert.False(keysB.VerifyPeerConfirmation(keysB.Confirmation));
        }
    }

    [Fact]
    public void SharedSecret_BeforeThePeerConfirmed_Throws()
    {
        (Spake2Keys keysA, Spake2Keys keysB) = Handshake();
        using (keysA)
        using (keysB)
        {
            Assert.Throws<InvalidOperationException>(() => keysA.SharedSecret.Length);
            Assert.False(keysA.VerifyPeerConfirmation(new byte[Spake2Keys.ConfirmationSize]));
            Assert.Throws<InvalidOperationException>(() => keysA.SharedSecret.Length);
        }
    }

    [Fact]
    public void SharedSecret_AfterThePeerConfirmed_IsKe()
    {
        (Spake2Keys keysA, Spake2Keys keysB) = Handshake();
        using (keysA)
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));

            Assert.Equal(keysA.Ke.ToArray(), keysA.SharedSecret.ToArray());
        }
    }

    [Fact]
    public void Dispose_Keys_BlocksEveryUse()
    {
        (Spake2Keys keysA, Spake2Keys keysB) = Handshake();
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));
            keysA.Dispose();

            Assert.Throws<ObjectDisposedException>(() => keysA.SharedSecret.Length);
            Assert.Throws<ObjectDisposedException>(() => keysA.Confirmation.Length);
            Assert.Throws<ObjectDisposedException>(() => keysA.VerifyPeerConfirmation(keysB.Confirmation));
        }
    }

    private static (Spake2Keys A, Spake2Keys B) Handshake()
    {
        using Spake2Password password = Spake2Password.Derive("test", [], "pw"u8);
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);
        Assert.True(a.TryFinish(b.Share, [], out Spake2Keys? keysA));
        Assert.True(b.TryFinish(a.Share, [], out Spake2Keys? keysB));
        return (keysA, keysB);
    }
}

using BtrChat.Crypto;

namespace BtrChat.Tests.Crypto;

/// <summary>Peer shares are untrusted input: anything but an uncompressed point on P-256 is refused without an exception.</summary>
public class Spake2PeerShareTests
{
    private static readonly byte[] IdA = "alice"u8.ToArray();

    private static readonly byte[] IdB = "bob"u8.ToArray();

    // RFC 9382's first pB: a point known to be on the curve, to build malformed variants from.
    private static readonly byte[] ValidPoint = Convert.FromHexString(
        "0406557e482bd03097ad0cbaa5df82115460d951e3451962f1eaf4367a420676d0"
        + "9857ccbc522686c83d1852abfa8ed6e4a1155cf8f1543ceca528afb591a1e0b7");

    public static IEnumerable<TheoryDataRow<byte[]>> MalformedShares()
    {
        bool yIsOdd = (ValidPoint[^1] & 1) == 1;
        byte[] x = ValidPoint[1..33];

        return
        [
            Row("empty", []),
            Row("64 bytes, prefix missing", ValidPoint[1..]),
            Row("66 bytes, trailing byte", [.. ValidPoint, 0x00]),
            Row("identity, 0x00", [0x00]),
            Row("identity prefix padded to 65 bytes", [0x00, .. new byte[64]]),
            Row("compressed encoding of a valid point", [(byte)(yIsOdd ? 0x03 : 0x02), .. x]),
            Row("hybrid encoding of a valid point", [(byte)(yIsOdd ? 0x07 : 0x06), .. ValidPoint[1..]]),
            Row("0x04 and 64 zero bytes", [0x04, .. new byte[64]]),
            Row("coordinates above the field prime", [0x04, .. Enumerable.Repeat((byte)0xFF, 64)]),
            Row("one bit of y flipped", Flip(ValidPoint, ^1)),
            Row("one bit of x flipped", Flip(ValidPoint, 1)),
        ];

        static TheoryDataRow<byte[]> Row(string label, byte[] share) => new(share) { Label = label };

        static byte[] Flip(byte[] point, Index index)
        {
            byte[] copy = [.. point];
            copy[index] ^= 0x01;
            return copy;
        }
    }

    [Theory]
    [MemberData(nameof(MalformedShares))]
    public void TryFinish_MalformedShare_IsRefusedAndThePartyStaysUsable(byte[] share)
    {
        using Spake2Password password = Password();
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        Assert.False(a.TryFinish(share, [], out Spake2Keys? refused));
        Assert.Null(refused);

        Assert.True(a.TryFinish(b.Share, [], out Spake2Keys? keysA));
        Assert.True(b.TryFinish(a.Share, [], out Spake2Keys? keysB));
        using (keysA)
        using (keysB)
        {
            Assert.True(keysA.VerifyPeerConfirmation(keysB.Confirmation));
        }
    }

    [Theory]
    [MemberData(nameof(MalformedShares))]
    public void TryFinish_MalformedShareToRoleB_IsRefused(byte[] share)
    {
        using Spake2Password password = Password();
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        Assert.False(b.TryFinish(share, [], out Spake2Keys? keys));
        Assert.Null(keys);
    }

    [Fact]
    public void TryFinish_ShareThatMakesKTheIdentity_IsRefused()
    {
        // The peer's bare blinding point (w·N towards A, w·M towards B) leaves K = x·O whatever the scalar.
        using Spake2Password password = Password();
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        Assert.False(a.TryFinish(Spake2Curve.Encode(password.WN), [], out _));
        Assert.False(b.TryFinish(Spake2Curve.Encode(password.WM), [], out _));
    }

    [Fact]
    public void TryFinish_OwnShareReflected_IsAcceptedButYieldsKeysNoHonestPeerShares()
    {
        // A reflected share is a valid point, so it is not refused; it yields keys that differ from the honest
        // peer's, and the attacker cannot turn this side's own MAC into the peer MAC it expects.
        using Spake2Password password = Password();
        using var a = new Spake2Party(Spake2Role.A, IdA, IdB, password);
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        Assert.True(a.TryFinish(a.Share, [], out Spake2Keys? reflected));
        Assert.True(b.TryFinish(a.Share, [], out Spake2Keys? honest));
        using (reflected)
        using (honest)
        {
            Assert.NotEqual(honest.Ke.ToArray(), reflected.Ke.ToArray());
            Assert.False(reflected.VerifyPeerConfirmation(reflected.Confirmation));
            Assert.False(reflected.VerifyPeerConfirmation(honest.Confirmation));
        }
    }

    [Fact]
    public void TryFinish_OwnShareReflectedToRoleB_DoesNotVerifyItsOwnMac()
    {
        using Spake2Password password = Password();
        using var b = new Spake2Party(Spake2Role.B, IdA, IdB, password);

        Assert.True(b.TryFinish(b.Share, [], out Spake2Keys? reflected));
        using (reflected)
        {
            Assert.False(reflected.VerifyPeerConfirmation(reflected.Confirmation));
        }
    }

    [Fact]
    public void TryDecode_NegatedValidPoint_IsAccepted()
    {
        // The check is "on the curve", not "looks like the point we expected": -P is as valid as P.
        byte[] negated = Spake2Curve.Encode(Spake2Curve.M.Negate());

        Assert.True(Spake2Curve.TryDecode(negated, out _));
    }

    private static Spake2Password Password() => Spake2Password.Derive("test", ["peer share"], "pw"u8);
}

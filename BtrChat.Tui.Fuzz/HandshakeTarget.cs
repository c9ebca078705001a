using System.Text;
using BtrChat.Crypto;

namespace BtrChat.Fuzz;

/// <summary>
/// The two handshake payloads an attacker controls, as Protocol/Handshake.cs passes them on: a hello's share
/// (Spake2Party.TryFinish, which parses the curve point) and a confirm's MAC (Spake2Keys.VerifyPeerConfirmation).
/// The first input byte picks which; the rest is the payload. Neither throws, and only the honest peer's
/// confirmation verifies.
/// </summary>
public static class HandshakeTarget
{
    private static readonly byte[] Aad = new byte[32];

    private static readonly Spake2Party Us;

    private static readonly Spake2Keys OurKeys;

    private static readonly byte[] PeerConfirmation;

    static HandshakeTarget()
    {
        using var password = Spake2Password.Derive("btrchat fuzz", ["a", "b"], Encoding.UTF8.GetBytes("1234"));
        Us = new Spake2Party(Spake2Role.A, [], [], password);
        using var peer = new Spake2Party(Spake2Role.B, [], [], password);
        if (!Us.TryFinish(peer.Share, Aad, out var ours) || !peer.TryFinish(Us.Share, Aad, out var theirs))
        {
            throw new InvalidOperationException("the honest handshake failed");
        }

        OurKeys = ours;
        PeerConfirmation = theirs.Confirmation.ToArray();
        theirs.Dispose();
    }

    public static void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        ReadOnlySpan<byte> payload = input.AsSpan(1);
        if ((input[0] & 1) == 0)
        {
            if (Us.TryFinish(payload, Aad, out var keys))
            {
                FuzzDefect.Unless(payload.Length == Spake2Party.ShareSize, "only a full uncompressed point is a share");
                keys.Dispose();
            }
        }
        else
        {
            bool verified = OurKeys.VerifyPeerConfirmation(payload);
            FuzzDefect.Unless(verified == payload.SequenceEqual(PeerConfirmation), "only the peer's own confirmation verifies");
        }
    }
}

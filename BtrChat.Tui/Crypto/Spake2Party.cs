using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace BtrChat.Crypto;

/// <summary>
/// One side of one SPAKE2 handshake (RFC 9382, suite SPAKE2-P256-SHA256-HKDF-HMAC): a fresh secret scalar and the
/// share it yields. Send <see cref="Share"/>, pass the peer's share to <see cref="TryFinish"/>, then exchange
/// and verify confirmations on the resulting <see cref="Spake2Keys"/>.
/// </summary>
/// <remarks>
/// <para>
/// A party may answer several peer shares with the same scalar: a peer that restarts sends a new share, and
/// answering it from the same party keeps the two sides from chasing each other's new shares forever. Every
/// answer hands whoever sent that share one password guess, and nothing more: testing a guess needs K, which
/// needs this party's scalar. So the caller counts every answered share as an attempt and limits them.
/// </para>
/// <para>
/// Never shows its secrets in <see cref="ToString"/>. Disposing zeroes the byte form of w it keeps for the
/// transcript; the scalar is a BouncyCastle integer, which cannot be zeroed and is left to the collector.
/// </para>
/// </remarks>
public sealed class Spake2Party : IDisposable
{
    /// <summary>Length of a share: an uncompressed P-256 point, 0x04 ‖ x ‖ y.</summary>
    public const int ShareSize = Spake2Curve.PointSize;

    private readonly byte[] _idA;
    private readonly byte[] _idB;
    private readonly BigInteger _scalar;
    private readonly byte[] _wBytes;
    private readonly ECPoint _peerBlinding;
    private readonly byte[] _share;
    private bool _disposed;

    /// <summary>Starts a handshake with a fresh random scalar.</summary>
    /// <param name="role">This side's role; the peer must take the other one.</param>
    /// <param name="idA">A's identity, the same bytes on both sides (empty when the protocol has none).</param>
    /// <param name="idB">B's identity, the same bytes on both sides (empty when the protocol has none).</param>
    /// <param name="password">The shared password scalar; the party copies what it needs, so it may be disposed afterwards.</param>
    public Spake2Party(Spake2Role role, ReadOnlySpan<byte> idA, ReadOnlySpan<byte> idB, Spake2Password password)
        : this(role, idA, idB, password, Spake2Curve.RandomScalar())
    {
    }

    /// <summary>Starts a handshake with a given scalar (x for A, y for B); only RFC 9382's test vectors have a reason to.</summary>
    /// <exception cref="ArgumentException"><paramref name="scalar"/> is not 32 bytes, or not in [1, n − 1].</exception>
    internal Spake2Party(
        Spake2Role role,
        ReadOnlySpan<byte> idA,
        ReadOnlySpan<byte> idB,
        Spake2Password password,
        ReadOnlySpan<byte> scalar)
        : this(role, idA, idB, password, ParseScalar(scalar))
    {
    }

    private Spake2Party(Spake2Role role, ReadOnlySpan<byte> idA, ReadOnlySpan<byte> idB, Spake2Password password, BigInteger scalar)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (role is not (Spake2Role.A or Spake2Role.B))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "A SPAKE2 role is A or B.");
        }

        Role = role;
        _idA = idA.ToArray();
        _idB = idB.ToArray();
        _scalar = scalar;

        // Pinned so the collector never moves w and leaves a copy behind that Dispose cannot zero.
        _wBytes = GC.AllocateUninitializedArray<byte>(Spake2Curve.ScalarSize, pinned: true);
        password.WBytes.CopyTo(_wBytes);

        // pA = x·G + w·M and pB = y·G + w·N; each side strips the other's blinding from the share it receives.
        ECPoint ownBlinding = role == Spake2Role.A ? password.WM : password.WN;
        _peerBlinding = role == Spake2Role.A ? password.WN : password.WM;
        _share = Spake2Curve.Encode(Spake2Curve.MultiplyFixed(Spake2Curve.G, scalar).Add(ownBlinding));
    }

    public Spake2Role Role { get; }

    /// <summary>This side's share (pA for role A, pB for role B), to send to the peer.</summary>
    public ReadOnlySpan<byte> Share
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _share;
        }
    }

    /// <summary>
    /// Completes the handshake with the peer's share and derives the keys. Returns false, and leaves the party
    /// usable, when the share is not an uncompressed encoding of a point on P-256 other than the identity, or
    /// when it would make the shared point K the identity.
    /// </summary>
    /// <param name="peerShare">The share the peer sent: untrusted input.</param>
    /// <param name="aad">Associated data both sides agree on, bound into the confirmation keys; empty when there is none.</param>
    /// <remarks>
    /// A share that is a valid point is accepted even when it cannot have come from someone who knows the password,
    /// such as this party's own share sent back to it: the keys then differ from anything an honest peer derives,
    /// and the failure shows when the peer's confirmation does not verify.
    /// </remarks>
    public bool TryFinish(ReadOnlySpan<byte> peerShare, ReadOnlySpan<byte> aad, [NotNullWhen(true)] out Spake2Keys? keys)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        keys = null;
        if (!TryBuildTranscript(peerShare, out byte[]? transcript))
        {
            return false;
        }

        try
        {
            keys = Spake2Keys.Derive(Role, transcript, aad);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(transcript);
        }
    }

    /// <summary>The transcript TT for a peer share, or false where <see cref="TryFinish"/> would refuse it; the caller zeroes it.</summary>
    internal bool TryBuildTranscript(ReadOnlySpan<byte> peerShare, [NotNullWhen(true)] out byte[]? transcript)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        transcript = null;
        if (!Spake2Curve.TryDecode(peerShare, out ECPoint? peerPoint))
        {
            return false;
        }

        // With a prime-order group and a nonzero scalar, K is the identity exactly when the peer sent its bare
        // blinding point; the RFC's transcript has no encoding for it, and accepting it would fix K for any scalar.
        ECPoint k = peerPoint.Subtract(_peerBlinding).Multiply(_scalar).Normalize();
        if (k.IsInfinity)
        {
            return false;
        }

        byte[] kBytes = k.GetEncoded(false);
        try
        {
            transcript = Role == Spake2Role.A
                ? Spake2Transcript.Build(_idA, _idB, _share, peerShare, kBytes, _wBytes)
                : Spake2Transcript.Build(_idA, _idB, peerShare, _share, kBytes, _wBytes);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kBytes);
        }
    }

    public override string ToString() => $"Spake2Party({Role}, redacted)";

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_wBytes);
        _disposed = true;
    }

    private static BigInteger ParseScalar(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != Spake2Curve.ScalarSize)
        {
            throw new ArgumentException($"A P-256 scalar is {Spake2Curve.ScalarSize} bytes, not {scalar.Length}.", nameof(scalar));
        }

        var k = new BigInteger(1, scalar);
        if (!Spake2Curve.IsScalar(k))
        {
            throw new ArgumentException("The scalar must lie in [1, n - 1].", nameof(scalar));
        }

        return k;
    }
}

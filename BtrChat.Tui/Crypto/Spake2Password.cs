using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace BtrChat.Crypto;

/// <summary>
/// The SPAKE2 password scalar w, with the two blinding points w·M and w·N that every handshake under it needs,
/// computed once here rather than once per handshake.
/// </summary>
/// <remarks>
/// Never appears in <see cref="ToString"/>. Disposing zeroes the byte form of w; the BouncyCastle integer and
/// points cannot be zeroed and are left to the collector.
/// </remarks>
public sealed class Spake2Password : IDisposable
{
    // 128 bits more than n, so reducing the hash output leaves a bias below 2^-128.
    private const int HashOutputSize = Spake2Curve.ScalarSize + 16;

    private const int LengthPrefixSize = sizeof(ulong);

    private static readonly BigInteger OrderMinusOne = Spake2Curve.Order.Subtract(BigInteger.One);

    private readonly BigInteger _w;
    private readonly byte[] _wBytes;
    private readonly ECPoint _wM;
    private readonly ECPoint _wN;
    private bool _disposed;

    private Spake2Password(BigInteger w)
    {
        _w = w;

        // Pinned so the collector never moves w and leaves a copy behind that Dispose cannot zero.
        _wBytes = GC.AllocateUninitializedArray<byte>(Spake2Curve.ScalarSize, pinned: true);
        Spake2Curve.WriteScalar(w, _wBytes);
        _wM = Spake2Curve.MultiplyFixed(Spake2Curve.M, w);
        _wN = Spake2Curve.MultiplyFixed(Spake2Curve.N, w);
    }

    internal BigInteger W
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _w;
        }
    }

    /// <summary>w as the transcript carries it: 32 bytes, big-endian.</summary>
    internal ReadOnlySpan<byte> WBytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _wBytes;
        }
    }

    /// <summary>w·M: A's blinding, which B strips from A's share.</summary>
    internal ECPoint WM
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _wM;
        }
    }

    /// <summary>w·N: B's blinding, which A strips from B's share.</summary>
    internal ECPoint WN
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _wN;
        }
    }

    /// <summary>Derives w from a password, bound to a label and a context so that no other use of the password yields the same w.</summary>
    /// <remarks>
    /// <para>
    /// With len(s) the length of s as an 8-byte little-endian integer (the encoding RFC 9382 uses in its transcript)
    /// and every string in UTF-8:
    /// </para>
    /// <code>
    /// ikm = len(label) ‖ label ‖ len(context[0]) ‖ context[0] ‖ … ‖ len(context[k-1]) ‖ context[k-1] ‖ len(password) ‖ password
    /// okm = HKDF-SHA256(salt = empty, ikm, info = empty, L = 48)
    /// w   = 1 + (OS2IP(okm) mod (n − 1))
    /// </code>
    /// <para>
    /// n is the order of P-256 and OS2IP reads big-endian. Every field carries its length, so an ikm splits back
    /// into its fields one way only (the first is the label, the last the password) and no two different inputs
    /// share one. The 48 bytes keep the reduction's bias below 2^-128, and reducing mod n − 1 then adding 1 puts
    /// w in [1, n − 1] without a rejection loop.
    /// </para>
    /// <para>
    /// This is a fast hash, not the memory-hard function RFC 9382 suggests: SPAKE2's messages give an eavesdropper
    /// or an active attacker no way to test password guesses offline, so the hash only matters if w itself leaks.
    /// </para>
    /// </remarks>
    /// <param name="label">Names the protocol and its version; a constant of the calling code.</param>
    /// <param name="context">Binds w to one pairing, in an order both sides agree on; the order matters.</param>
    /// <param name="password">The shared password; the caller chooses its text encoding and decides whether an empty one is acceptable.</param>
    /// <exception cref="ArgumentException"><paramref name="label"/> is empty, or <paramref name="context"/> holds a null string.</exception>
    public static Spake2Password Derive(string label, IEnumerable<string> context, ReadOnlySpan<byte> password)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(context);

        List<string> fields = [label];
        foreach (string? item in context)
        {
            if (item is null)
            {
                throw new ArgumentException("A SPAKE2 password context cannot hold a null string.", nameof(context));
            }

            fields.Add(item);
        }

        int length = LengthPrefixSize + password.Length;
        foreach (string field in fields)
        {
            length += LengthPrefixSize + Encoding.UTF8.GetByteCount(field);
        }

        // Pinned because it holds the password: zeroing it below only helps if the collector never moved a copy elsewhere.
        byte[] ikm = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        Span<byte> okm = stackalloc byte[HashOutputSize];
        try
        {
            Span<byte> rest = ikm;
            foreach (string field in fields)
            {
                int written = Encoding.UTF8.GetBytes(field, rest[LengthPrefixSize..]);
                BinaryPrimitives.WriteUInt64LittleEndian(rest, (ulong)written);
                rest = rest[(LengthPrefixSize + written)..];
            }

            BinaryPrimitives.WriteUInt64LittleEndian(rest, (ulong)password.Length);
            password.CopyTo(rest[LengthPrefixSize..]);

            HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, okm, salt: [], info: []);
            return new Spake2Password(new BigInteger(1, okm).Mod(OrderMinusOne).Add(BigInteger.One));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ikm);
            CryptographicOperations.ZeroMemory(okm);
        }
    }

    /// <summary>Takes w as given, 32 bytes big-endian; only RFC 9382's test vectors have a reason to.</summary>
    /// <exception cref="ArgumentException"><paramref name="w"/> is not 32 bytes, or not in [1, n − 1].</exception>
    internal static Spake2Password FromScalar(ReadOnlySpan<byte> w)
    {
        if (w.Length != Spake2Curve.ScalarSize)
        {
            throw new ArgumentException($"A P-256 scalar is {Spake2Curve.ScalarSize} bytes, not {w.Length}.", nameof(w));
        }

        var scalar = new BigInteger(1, w);
        if (!Spake2Curve.IsScalar(scalar))
        {
            throw new ArgumentException("w must lie in [1, n - 1].", nameof(w));
        }

        return new Spake2Password(scalar);
    }

    public override string ToString() => "Spake2Password(redacted)";

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_wBytes);
        _disposed = true;
    }
}

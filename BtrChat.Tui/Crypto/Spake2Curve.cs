using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Utilities;
using ECCurve = Org.BouncyCastle.Math.EC.ECCurve;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace BtrChat.Crypto;

/// <summary>
/// P-256 as SPAKE2-P256-SHA256-HKDF-HMAC (RFC 9382) uses it: the group, its order, the fixed points M and N,
/// and the one encoding of points and scalars that goes into shares and transcripts.
/// </summary>
/// <remarks>P-256 has cofactor 1, so the RFC's multiplication of K by the cofactor h is left out.</remarks>
internal static class Spake2Curve
{
    public const int ScalarSize = 32;

    /// <summary>An uncompressed SEC1 point: 0x04 ‖ x ‖ y.</summary>
    public const int PointSize = 1 + 2 * ScalarSize;

    private const byte UncompressedPrefix = 0x04;

    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("P-256");

    private static readonly ECCurve Curve = Parameters.Curve;

    private static readonly BigInteger FieldPrime = Curve.Field.Characteristic;

    // Every fixed base (G, M, N) goes through one comb, which BouncyCastle precomputes once per point and keeps on it.
    private static readonly FixedPointCombMultiplier Comb = new();

    public static readonly BigInteger Order = Parameters.N;

    public static readonly ECPoint G = Parameters.G;

    // Written as RFC 9382 section 6 prints them (SEC1 compressed), so they can be checked against it by eye.
    public static readonly ECPoint M = Curve.DecodePoint(
        Convert.FromHexString("02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f"));

    public static readonly ECPoint N = Curve.DecodePoint(
        Convert.FromHexString("03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49"));

    /// <summary>k·P for one of the fixed points G, M, N and a scalar in [1, n-1].</summary>
    public static ECPoint MultiplyFixed(ECPoint basePoint, BigInteger k) => Comb.Multiply(basePoint, k);

    public static bool IsScalar(BigInteger k) => k.SignValue > 0 && k.CompareTo(Order) < 0;

    /// <summary>A uniformly random scalar in [1, n-1] from the operating system's generator.</summary>
    public static BigInteger RandomScalar()
    {
        Span<byte> bytes = stackalloc byte[ScalarSize];
        try
        {
            // Rejection rather than reduction keeps every scalar equally likely; n is within 2^-32 of 2^256, so retries are rare.
            while (true)
            {
                RandomNumberGenerator.Fill(bytes);
                var k = new BigInteger(1, bytes);
                if (IsScalar(k))
                {
                    return k;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The 32-byte big-endian form of a scalar, as the transcript carries w.</summary>
    public static void WriteScalar(BigInteger k, Span<byte> destination) => BigIntegers.AsUnsignedByteArray(k, destination);

    public static byte[] Encode(ECPoint point) => point.Normalize().GetEncoded(false);

    /// <summary>
    /// Reads a peer's share: exactly an uncompressed encoding of a point on the curve. Anything else is refused,
    /// including what BouncyCastle's own decoder accepts (0x00 for the identity, compressed and hybrid forms).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out ECPoint? point)
    {
        point = null;
        if (encoded.Length != PointSize || encoded[0] != UncompressedPrefix)
        {
            return false;
        }

        var x = new BigInteger(1, encoded.Slice(1, ScalarSize));
        var y = new BigInteger(1, encoded.Slice(1 + ScalarSize, ScalarSize));

        // CreatePoint throws on a coordinate outside the field; checking first keeps hostile input off the exception path.
        if (x.CompareTo(FieldPrime) >= 0 || y.CompareTo(FieldPrime) >= 0)
        {
            return false;
        }

        ECPoint candidate = Curve.CreatePoint(x, y);

        // An affine point is never the identity, but IsValid reports the identity as valid, so the check costs nothing to keep.
        if (candidate.IsInfinity || !candidate.IsValid())
        {
            return false;
        }

        point = candidate;
        return true;
    }
}

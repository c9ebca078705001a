using System.Buffers.Binary;

namespace BtrChat.Crypto;

/// <summary>The transcript TT of RFC 9382, which both sides hash into their keys and confirmations.</summary>
internal static class Spake2Transcript
{
    private const int LengthPrefixSize = sizeof(ulong);

    private const int FieldCount = 6;

    /// <summary>
    /// TT = len(A) ‖ A ‖ len(B) ‖ B ‖ len(pA) ‖ pA ‖ len(pB) ‖ pB ‖ len(K) ‖ K ‖ len(w) ‖ w,
    /// each len an 8-byte little-endian integer.
    /// </summary>
    /// <remarks>
    /// The array is pinned because TT holds w and K; the caller zeroes it once the keys are derived, which only
    /// helps if the collector never moved a copy elsewhere.
    /// </remarks>
    public static byte[] Build(
        ReadOnlySpan<byte> idA,
        ReadOnlySpan<byte> idB,
        ReadOnlySpan<byte> pA,
        ReadOnlySpan<byte> pB,
        ReadOnlySpan<byte> k,
        ReadOnlySpan<byte> w)
    {
        int length = FieldCount * LengthPrefixSize + idA.Length + idB.Length + pA.Length + pB.Length + k.Length + w.Length;
        byte[] transcript = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        Span<byte> rest = transcript;
        Append(ref rest, idA);
        Append(ref rest, idB);
        Append(ref rest, pA);
        Append(ref rest, pB);
        Append(ref rest, k);
        Append(ref rest, w);
        return transcript;
    }

    private static void Append(ref Span<byte> rest, ReadOnlySpan<byte> field)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(rest, (ulong)field.Length);
        field.CopyTo(rest[LengthPrefixSize..]);
        rest = rest[(LengthPrefixSize + field.Length)..];
    }
}

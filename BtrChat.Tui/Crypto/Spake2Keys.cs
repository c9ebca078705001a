using System.Security.Cryptography;

namespace BtrChat.Crypto;

/// <summary>
/// What one side of a SPAKE2 handshake derived: the shared secret Ke and the confirmation MACs that prove both
/// sides derived the same one (RFC 9382 section 4).
/// </summary>
/// <remarks>
/// <para>
/// Send <see cref="Confirmation"/> to the peer and check the peer's with <see cref="VerifyPeerConfirmation"/>.
/// <see cref="SharedSecret"/> stays locked until that check passes: before it, nothing shows that the peer knows
/// the password, and a wrong password or a tampered share surfaces only as a confirmation that does not verify.
/// </para>
/// <para>Never appears in <see cref="ToString"/>. Disposing zeroes all key material.</para>
/// </remarks>
public sealed class Spake2Keys : IDisposable
{
    /// <summary>Length of Ke: half of a SHA-256 output.</summary>
    public const int SharedSecretSize = 16;

    /// <summary>Length of a confirmation MAC: one HMAC-SHA256 output.</summary>
    public const int ConfirmationSize = HMACSHA256.HashSizeInBytes;

    private const int HalfKeySize = 16;

    // One pinned buffer, in the RFC's order: Ke ‖ Ka (SHA-256 of TT), KcA ‖ KcB (HKDF of Ka), cA, cB.
    private const int KeOffset = 0;
    private const int KaOffset = KeOffset + SharedSecretSize;
    private const int KcAOffset = KaOffset + HalfKeySize;
    private const int KcBOffset = KcAOffset + HalfKeySize;
    private const int CAOffset = KcBOffset + HalfKeySize;
    private const int CBOffset = CAOffset + ConfirmationSize;
    private const int MaterialSize = CBOffset + ConfirmationSize;

    private static readonly byte[] ConfirmationKeysLabel = "ConfirmationKeys"u8.ToArray();

    private readonly byte[] _material;
    private bool _peerConfirmed;
    private bool _disposed;

    private Spake2Keys(Spake2Role role, byte[] material)
    {
        Role = role;
        _material = material;
    }

    public Spake2Role Role { get; }

    /// <summary>Ke, the secret both sides now share; available once <see cref="VerifyPeerConfirmation"/> has returned true.</summary>
    /// <exception cref="InvalidOperationException">The peer's confirmation has not verified.</exception>
    public ReadOnlySpan<byte> SharedSecret
    {
        get
        {
            ReadOnlySpan<byte> ke = Ke;
            if (!_peerConfirmed)
            {
                throw new InvalidOperationException("The SPAKE2 shared secret is not released before the peer's confirmation verifies.");
            }

            return ke;
        }
    }

    /// <summary>This side's confirmation MAC, to send to the peer: cA for role A, cB for role B.</summary>
    public ReadOnlySpan<byte> Confirmation => Role == Spake2Role.A ? ConfirmationA : ConfirmationB;

    internal ReadOnlySpan<byte> Ke => Material.Slice(KeOffset, SharedSecretSize);

    internal ReadOnlySpan<byte> Ka => Material.Slice(KaOffset, HalfKeySize);

    internal ReadOnlySpan<byte> KcA => Material.Slice(KcAOffset, HalfKeySize);

    internal ReadOnlySpan<byte> KcB => Material.Slice(KcBOffset, HalfKeySize);

    internal ReadOnlySpan<byte> ConfirmationA => Material.Slice(CAOffset, ConfirmationSize);

    internal ReadOnlySpan<byte> ConfirmationB => Material.Slice(CBOffset, ConfirmationSize);

    private ReadOnlySpan<byte> Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _material;
        }
    }

    /// <summary>
    /// Checks the peer's confirmation MAC (cB for role A, cA for role B) in constant time. A MAC of the wrong length,
    /// a wrong password on either side, a tampered share or mismatched associated data all return false.
    /// </summary>
    public bool VerifyPeerConfirmation(ReadOnlySpan<byte> mac)
    {
        ReadOnlySpan<byte> expected = Role == Spake2Role.A ? ConfirmationB : ConfirmationA;
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            return false;
        }

        _peerConfirmed = true;
        return true;
    }

    /// <summary>The key schedule of RFC 9382 section 4 over a finished transcript.</summary>
    internal static Spake2Keys Derive(Spake2Role role, ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> aad)
    {
        // Pinned so the collector never moves the keys and leaves a copy behind that Dispose cannot zero.
        byte[] material = GC.AllocateUninitializedArray<byte>(MaterialSize, pinned: true);
        Span<byte> buffer = material;

        SHA256.HashData(transcript, buffer[KeOffset..KcAOffset]);

        byte[] info = [.. ConfirmationKeysLabel, .. aad];
        HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            buffer.Slice(KaOffset, HalfKeySize),
            buffer[KcAOffset..CAOffset],
            salt: [],
            info);

        HMACSHA256.HashData(buffer.Slice(KcAOffset, HalfKeySize), transcript, buffer.Slice(CAOffset, ConfirmationSize));
        HMACSHA256.HashData(buffer.Slice(KcBOffset, HalfKeySize), transcript, buffer.Slice(CBOffset, ConfirmationSize));
        return new Spake2Keys(role, material);
    }

    public override string ToString() => $"Spake2Keys({Role}, redacted)";

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_material);
        _disposed = true;
    }
}

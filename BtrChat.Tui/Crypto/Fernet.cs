using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace BtrChat.Crypto;

/// <summary>
/// Fernet version 0x80 (https://github.com/fernet/spec), wire-compatible with Python's
/// <c>cryptography.fernet.Fernet</c>: AES-128-CBC with PKCS #7 padding, authenticated by HMAC-SHA256.
/// </summary>
/// <remarks>
/// Token layout: Version (1) ‖ Timestamp (8, big-endian Unix seconds) ‖ IV (16) ‖ Ciphertext (16·n) ‖ HMAC (32).
/// Decrypting never throws for a bad token; tokens are untrusted input and every refusal is a <see cref="FernetResult"/>.
/// </remarks>
public static class Fernet
{
    /// <summary>Longest token text <see cref="Decrypt"/> will decode; anything longer is refused unread.</summary>
    public const int MaxTokenLength = 2 * 1024 * 1024;

    private const byte Version = 0x80;
    private const int TimestampOffset = 1;
    private const int IvOffset = 9;
    private const int IvSize = 16;
    private const int CiphertextOffset = IvOffset + IvSize;
    private const int MacSize = HMACSHA256.HashSizeInBytes;
    private const int BlockSize = 16;
    private const int Overhead = CiphertextOffset + MacSize;

    // PKCS #7 always adds at least one byte, so even an empty message has one ciphertext block.
    private const int MinTokenBytes = Overhead + BlockSize;

    /// <summary>Longest message whose token still fits in <see cref="MaxTokenLength"/>.</summary>
    public const int MaxPlaintextLength = ((MaxTokenLength / 4 * 3) - Overhead) / BlockSize * BlockSize - 1;

    // Chat messages are small; only larger ones pay for a pooled buffer.
    private const int StackBufferSize = 1024;

    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The length, in characters, of the token <see cref="Encrypt(FernetKey, ReadOnlySpan{byte}, DateTimeOffset)"/> makes of <paramref name="plaintextLength"/> bytes.</summary>
    public static int TokenLength(int plaintextLength) =>
        PaddedBase64Url.GetEncodedLength(Overhead + ((plaintextLength / BlockSize) + 1) * BlockSize);

    /// <summary>Encrypts <paramref name="plaintext"/> into a token stamped with <paramref name="now"/>, under a fresh random IV.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="plaintext"/> is longer than <see cref="MaxPlaintextLength"/>, or <paramref name="now"/> is before 1970.
    /// </exception>
    public static string Encrypt(FernetKey key, ReadOnlySpan<byte> plaintext, DateTimeOffset now)
    {
        Span<byte> iv = stackalloc byte[IvSize];
        RandomNumberGenerator.Fill(iv);
        return Encrypt(key, plaintext, now, iv);
    }

    /// <summary>Encrypts with a caller-chosen IV; only the spec's fixed-IV test vectors have a reason to.</summary>
    internal static string Encrypt(FernetKey key, ReadOnlySpan<byte> plaintext, DateTimeOffset now, ReadOnlySpan<byte> iv)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(plaintext.Length, MaxPlaintextLength, nameof(plaintext));
        if (iv.Length != IvSize)
        {
            throw new ArgumentException($"A Fernet IV is {IvSize} bytes, not {iv.Length}.", nameof(iv));
        }

        long seconds = now.ToUnixTimeSeconds();
        if (seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, "A Fernet timestamp cannot be before 1970.");
        }

        int ciphertextLength = (plaintext.Length / BlockSize + 1) * BlockSize;
        int length = Overhead + ciphertextLength;
        byte[]? rented = null;
        Span<byte> token = (length <= StackBufferSize
            ? stackalloc byte[StackBufferSize]
            : rented = ArrayPool<byte>.Shared.Rent(length))[..length];
        try
        {
            token[0] = Version;
            BinaryPrimitives.WriteUInt64BigEndian(token[TimestampOffset..], (ulong)seconds);
            iv.CopyTo(token[IvOffset..]);

            key.EncryptCbc(plaintext, iv, token.Slice(CiphertextOffset, ciphertextLength));
            key.ComputeMac(token[..^MacSize], token[^MacSize..]);
            return PaddedBase64Url.Encode(token);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Verifies and decrypts a token, in the order the spec's "Verifying" section lays down.</summary>
    /// <param name="timeToLive">When set, a token stamped more than this long before <paramref name="now"/> is <see cref="FernetFailure.Expired"/>.</param>
    /// <param name="maxClockSkew">
    /// When set, a token stamped more than this long after <paramref name="now"/> is <see cref="FernetFailure.FromTheFuture"/>.
    /// Python's <c>cryptography</c> applies 60 seconds, and only when a TTL is given.
    /// </param>
    /// <remarks>
    /// Times compare in whole Unix seconds, as Python does, so a token stays valid through the entire
    /// second at which its time-to-live ends.
    /// </remarks>
    public static FernetResult Decrypt(
        FernetKey key,
        string token,
        DateTimeOffset now,
        TimeSpan? timeToLive = null,
        TimeSpan? maxClockSkew = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(token);
        if (timeToLive is { } ttl)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.Zero, nameof(timeToLive));
        }

        if (maxClockSkew is { } skew)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(skew, TimeSpan.Zero, nameof(maxClockSkew));
        }

        if (token.Length > MaxTokenLength)
        {
            return FernetResult.Refused(FernetFailure.Malformed);
        }

        int maxLength = PaddedBase64Url.GetMaxDecodedLength(token.Length);
        byte[]? rented = null;
        Span<byte> buffer = (maxLength <= StackBufferSize
            ? stackalloc byte[StackBufferSize]
            : rented = ArrayPool<byte>.Shared.Rent(maxLength))[..maxLength];
        try
        {
            return PaddedBase64Url.TryDecode(token, buffer, out int length)
                ? Open(key, buffer[..length], now, timeToLive, maxClockSkew)
                : FernetResult.Refused(FernetFailure.Malformed);
        }
        finally
        {
            // Decryption runs in place, so the buffer may hold plaintext, and a pooled array outlives this call.
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static FernetResult Open(
        FernetKey key,
        Span<byte> data,
        DateTimeOffset now,
        TimeSpan? timeToLive,
        TimeSpan? maxClockSkew)
    {
        if (data.IsEmpty)
        {
            return FernetResult.Refused(FernetFailure.Malformed);
        }

        if (data[0] != Version)
        {
            return FernetResult.Refused(FernetFailure.UnknownVersion);
        }

        if (data.Length < MinTokenBytes || (data.Length - Overhead) % BlockSize != 0)
        {
            return FernetResult.Refused(FernetFailure.Malformed);
        }

        ulong stamp = BinaryPrimitives.ReadUInt64BigEndian(data[TimestampOffset..]);
        if (stamp > (ulong)MaxUnixSeconds)
        {
            return FernetResult.Refused(FernetFailure.Malformed);
        }

        long tokenSeconds = (long)stamp;
        TimeSpan age = TimeSpan.FromSeconds(now.ToUnixTimeSeconds() - tokenSeconds);
        if (timeToLive is { } ttl && age > ttl)
        {
            return FernetResult.Refused(FernetFailure.Expired);
        }

        if (maxClockSkew is { } skew && -age > skew)
        {
            return FernetResult.Refused(FernetFailure.FromTheFuture);
        }

        int macOffset = data.Length - MacSize;
        Span<byte> expectedMac = stackalloc byte[MacSize];
        key.ComputeMac(data[..macOffset], expectedMac);

        // Nothing is decrypted or unpadded before this check, or the padding check would become an oracle.
        if (!CryptographicOperations.FixedTimeEquals(expectedMac, data[macOffset..]))
        {
            return FernetResult.Refused(FernetFailure.BadSignature);
        }

        // Decrypted in place: the ciphertext becomes the padded plaintext.
        Span<byte> payload = data[CiphertextOffset..macOffset];
        key.DecryptCbcUnpadded(payload, data.Slice(IvOffset, IvSize), payload);

        int padding = payload[^1];
        if (padding is 0 or > BlockSize || payload[^padding..].ContainsAnyExcept((byte)padding))
        {
            return FernetResult.Refused(FernetFailure.BadPadding);
        }

        return FernetResult.Success(payload[..^padding].ToArray(), DateTimeOffset.FromUnixTimeSeconds(tokenSeconds));
    }
}

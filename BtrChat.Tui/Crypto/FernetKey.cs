using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace BtrChat.Crypto;

/// <summary>
/// A 256-bit Fernet key: a 128-bit HMAC-SHA256 signing key followed by a 128-bit AES encryption key.
/// </summary>
/// <remarks>
/// The key material never appears in <see cref="ToString"/>, so a key that reaches a log or an exception
/// message reveals nothing. Disposing zeroes it.
/// </remarks>
public sealed class FernetKey : IDisposable
{
    public const int Size = 32;

    private const int HalfSize = Size / 2;

    // Python writes a 32-byte key as 43 base64 characters and one '='.
    private const int TextLength = 44;

    private readonly byte[] _bytes;
    private readonly Lock _gate = new();
    private Aes? _aes;
    private IncrementalHash? _mac;
    private bool _disposed;

    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not exactly <see cref="Size"/> bytes long.</exception>
    public FernetKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A Fernet key is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        // Pinned so the collector never moves the key and leaves a copy behind that Dispose cannot zero.
        _bytes = GC.AllocateUninitializedArray<byte>(Size, pinned: true);
        bytes.CopyTo(_bytes);
    }

    internal ReadOnlySpan<byte> SigningKey => Material[..HalfSize];

    internal ReadOnlySpan<byte> EncryptionKey => Material[HalfSize..];

    /// <summary>AES-128-CBC with PKCS #7 padding under the encryption key.</summary>
    internal void EncryptCbc(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> iv, Span<byte> destination)
    {
        lock (_gate)
        {
            Cipher.EncryptCbc(plaintext, iv, destination, PaddingMode.PKCS7);
        }
    }

    /// <summary>AES-128-CBC without unpadding: the caller checks the padding, after the MAC, as an ordinary result.</summary>
    internal void DecryptCbcUnpadded(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> iv, Span<byte> destination)
    {
        lock (_gate)
        {
            Cipher.DecryptCbc(ciphertext, iv, destination, PaddingMode.None);
        }
    }

    /// <summary>HMAC-SHA256 under the signing key.</summary>
    internal void ComputeMac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        lock (_gate)
        {
            _mac ??= IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, SigningKey);
            _mac.AppendData(data);
            _mac.GetHashAndReset(destination);
        }
    }

    // Keyed once per key: setting a key up costs more than sealing a short message. Neither object may be
    // shared across threads, hence the lock around every use.
    private Aes Cipher
    {
        get
        {
            if (_aes is null)
            {
                _aes = Aes.Create();
                _aes.SetKey(EncryptionKey);
            }

            return _aes;
        }
    }

    private ReadOnlySpan<byte> Material
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    public static FernetKey Generate()
    {
        Span<byte> bytes = stackalloc byte[Size];
        RandomNumberGenerator.Fill(bytes);
        try
        {
            return new FernetKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Parses the text form of a key: 44 characters of padded base64url encoding exactly 32 bytes.
    /// The standard '+' '/' alphabet, missing padding and surrounding whitespace are all rejected.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? base64UrlText, [NotNullWhen(true)] out FernetKey? key)
    {
        key = null;
        if (base64UrlText is null || base64UrlText.Length != TextLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[PaddedBase64Url.GetMaxDecodedLength(TextLength)];
        try
        {
            if (!PaddedBase64Url.TryDecode(base64UrlText, bytes, out int written) || written != Size)
            {
                return false;
            }

            key = new FernetKey(bytes[..Size]);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The key in the text form <see cref="TryParse"/> and Python's <c>Fernet(key)</c> accept.</summary>
    public string ToBase64Url() => PaddedBase64Url.Encode(Material);

    public override string ToString() => "FernetKey(redacted)";

    public void Dispose()
    {
        lock (_gate)
        {
            _aes?.Dispose();
            _mac?.Dispose();
            CryptographicOperations.ZeroMemory(_bytes);
            _disposed = true;
        }
    }
}

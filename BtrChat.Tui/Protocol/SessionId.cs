using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace BtrChat.Protocol;

/// <summary>
/// The 16 random bytes that name one run of one peer, so that frames from an earlier run, or meant for one,
/// can be told apart from the current conversation.
/// </summary>
/// <remarks>
/// Held as two integers rather than an array so that the synthesized equality compares contents, and
/// <see langword="default"/> is <see cref="Zero"/>. Session ids are not secret: they travel in cleartext
/// hellos, and <see cref="ToString"/> shows enough of one for a log line.
/// </remarks>
public readonly record struct SessionId
{
    public const int Size = 16;

    private readonly ulong _high;
    private readonly ulong _low;

    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not <see cref="Size"/> bytes.</exception>
    public SessionId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A session id is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _low = BinaryPrimitives.ReadUInt64BigEndian(bytes[sizeof(ulong)..]);
    }

    /// <summary>The id a hello names as its recipient, because it does not know the peer's yet.</summary>
    public static SessionId Zero => default;

    public bool IsZero => (_high | _low) == 0;

    /// <summary>A fresh id from the system's CSPRNG; never <see cref="Zero"/>, which means "no session".</summary>
    public static SessionId NewRandom()
    {
        Span<byte> bytes = stackalloc byte[Size];
        do
        {
            RandomNumberGenerator.Fill(bytes);
        }
        while (!bytes.ContainsAnyExcept((byte)0));

        return new SessionId(bytes);
    }

    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="Size"/>.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"A session id needs {Size} bytes, not {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[sizeof(ulong)..], _low);
    }

    public byte[] ToArray()
    {
        byte[] bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>The first 8 hex digits: enough to tell sessions apart in a log, short enough to read.</summary>
    public override string ToString() => ((uint)(_high >> 32)).ToString("x8", CultureInfo.InvariantCulture);
}

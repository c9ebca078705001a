using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BtrChat.Crypto;

namespace BtrChat.Protocol;

/// <summary>
/// One verified session: both session ids and a Fernet key per direction, derived with HKDF from SPAKE2's Ke and
/// salted with both session ids, so a message reflected back at its sender never opens, and a safety code both
/// people can compare by voice. Keys live only in memory.
/// </summary>
public sealed class SessionKeys : IDisposable
{
    private const string KeyLabelAToB = "btrchat v1 A->B";
    private const string KeyLabelBToA = "btrchat v1 B->A";
    private const string SafetyLabel = "btrchat v1 safety";

    private SessionKeys(PeerRole myRole, SessionId mine, SessionId peer, FernetKey send, FernetKey receive, string safetyCode)
    {
        MyRole = myRole;
        Mine = mine;
        Peer = peer;
        SendKey = send;
        ReceiveKey = receive;
        SafetyCode = safetyCode;
    }

    public PeerRole MyRole { get; }

    public SessionId Mine { get; }

    public SessionId Peer { get; }

    public FernetKey SendKey { get; }

    public FernetKey ReceiveKey { get; }

    /// <summary>Twelve digits in three groups, the same on both sides only when both derived the same keys.</summary>
    public string SafetyCode { get; }

    public static SessionKeys Derive(PeerRole myRole, SessionId mine, SessionId peer, ReadOnlySpan<byte> sharedSecret)
    {
        var (a, b) = myRole == PeerRole.A ? (mine, peer) : (peer, mine);
        Span<byte> salt = stackalloc byte[2 * SessionId.Size];
        a.CopyTo(salt);
        b.CopyTo(salt[SessionId.Size..]);
        var aToB = Expand(sharedSecret, salt, KeyLabelAToB, FernetKey.Size);
        var bToA = Expand(sharedSecret, salt, KeyLabelBToA, FernetKey.Size);
        var safety = BinaryPrimitives.ReadUInt64BigEndian(Expand(sharedSecret, salt, SafetyLabel, sizeof(ulong))) % 1_000_000_000_000UL;
        var digits = safety.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return new SessionKeys(
                myRole,
                mine,
                peer,
                new FernetKey(myRole == PeerRole.A ? aToB : bToA),
                new FernetKey(myRole == PeerRole.A ? bToA : aToB),
                $"{digits[..4]} {digits[4..8]} {digits[8..]}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aToB);
            CryptographicOperations.ZeroMemory(bToA);
        }
    }

    public override string ToString() => $"SessionKeys({Mine}/{Peer}, redacted)";

    public void Dispose()
    {
        SendKey.Dispose();
        ReceiveKey.Dispose();
    }

    private static byte[] Expand(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt, string label, int length)
    {
        var output = new byte[length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, output, salt, Encoding.ASCII.GetBytes(label));
        return output;
    }
}

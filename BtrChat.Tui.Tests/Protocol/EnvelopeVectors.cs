using BtrChat.Protocol;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// The fixed inputs of the worked example in docs/protocol.md, and the bytes they must encode to. The hex was
/// computed from the layout by a separate Python script, not by the encoder under test.
/// </summary>
internal static class EnvelopeVectors
{
    public const string HelloHex =
        "010141000102030405060708090a0b0c0d0e0f00000000000000000000000000000000000000000000000000000041040102030405060708090a0b0c0d0e0f10"
        + "1112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f4000000000000000000000000000000000";

    public const string ConfirmHex =
        "010241000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f000000000000000000000020a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0"
        + "b1b2b3b4b5b6b7b8b9babbbcbdbebf00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    public const string DataHex =
        "010341000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f000000000000000100000012202122232425262728292a2b2c2d2e2f68"
        + "69000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    public const string ReceiptHex =
        "010442101112131415161718191a1b1c1d1e1f000102030405060708090a0b0c0d0e0f0000000000000001000000080000000000000001000000000000000000";

    public const string HelloWireBody =
        "btr1:AQFBAAECAwQFBgcICQoLDA0ODwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEEEAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4_QAAAAAAAAAAAAAAAAAAAAAA=";

    public static readonly Guid MessageId = Guid.Parse("20212223-2425-2627-2829-2a2b2c2d2e2f");

    /// <summary>Role A's session id: 00 01 … 0f.</summary>
    public static SessionId SessionA => new(Bytes(0x00, SessionId.Size));

    /// <summary>Role B's session id: 10 11 … 1f.</summary>
    public static SessionId SessionB => new(Bytes(0x10, SessionId.Size));

    /// <summary>0x04 then 01 … 40: shaped like an uncompressed point, which is all the codec checks.</summary>
    public static byte[] Share => [0x04, .. Bytes(0x01, 64)];

    /// <summary>a0 … bf.</summary>
    public static byte[] Mac => Bytes(0xa0, 32);

    public static Envelope Hello => Envelope.Hello(PeerRole.A, SessionA, Share);

    public static Envelope Confirm => Envelope.Confirm(PeerRole.A, SessionA, SessionB, Mac);

    public static Envelope Data => Envelope.Data(PeerRole.A, SessionA, SessionB, 1, MessageId, "hi");

    /// <summary>B acknowledges A's first message.</summary>
    public static Envelope Receipt => Envelope.Receipt(PeerRole.B, SessionB, SessionA, 1, 1);

    public static IEnumerable<(string Name, Envelope Envelope, string Hex)> All =>
    [
        ("hello", Hello, HelloHex),
        ("confirm", Confirm, ConfirmHex),
        ("data", Data, DataHex),
        ("receipt", Receipt, ReceiptHex),
    ];

    public static Envelope Named(string name) => All.Single(vector => vector.Name == name).Envelope;

    public static byte[] Bytes(int first, int count) => [.. Enumerable.Range(first, count).Select(i => (byte)i)];
}

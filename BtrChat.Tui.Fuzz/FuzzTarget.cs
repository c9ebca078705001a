namespace BtrChat.Fuzz;

/// <summary>
/// One parser of outside bytes, wrapped so that any exception it lets out, or any broken invariant, is a crash.
/// Its expected refusals (a failure value, or the one exception type its contract names) are not.
/// </summary>
public sealed record FuzzTarget(string Name, string Parses, Action<byte[]> Run)
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("fernet", "a Fernet token body (Crypto/Fernet.cs Decrypt)", FernetTarget.Run),
        new("envelope", "an envelope frame, its receipt and data payloads (Protocol/EnvelopeCodec.cs)", EnvelopeTarget.Run),
        new("wirebody", "a queue message body: classify, cleartext hello/confirm (Protocol/WireBody.cs)", WireBodyTarget.Run),
        new("handshake", "a peer's SPAKE2 share and confirmation (Crypto/Spake2Party.cs, Spake2Keys.cs)", HandshakeTarget.Run),
        new("config", "a config file (Cli/ConfigLoader.cs)", ConfigTarget.Run),
        new("keyfile", "a key file's text (Protocol/KeyFile.cs)", KeyFileTarget.Run),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}

using System.Text;
using System.Text.Json;

namespace BtrChat.Tests.Crypto;

/// <summary>One test vector of RFC 9382 Appendix B, decoded; <see cref="Transcript"/> is null where the RFC does not print TT.</summary>
internal sealed record Spake2Vector(
    string Name,
    byte[] IdA,
    byte[] IdB,
    byte[] W,
    byte[] X,
    byte[] Y,
    byte[] PA,
    byte[] PB,
    byte[]? Transcript,
    byte[] Ke,
    byte[] Ka,
    byte[] KcA,
    byte[] KcB,
    byte[] CA,
    byte[] CB);

/// <summary>Reads the RFC 9382 P-256 vectors from the copy under TestData/spake2.</summary>
internal static class Spake2VectorFile
{
    private static readonly Lazy<(IReadOnlyList<Spake2Vector> Vectors, string M, string N)> Contents = new(Load);

    public static IReadOnlyList<Spake2Vector> Vectors => Contents.Value.Vectors;

    /// <summary>M as the file prints it: SEC1 compressed, hex.</summary>
    public static string MCompressed => Contents.Value.M;

    /// <summary>N as the file prints it: SEC1 compressed, hex.</summary>
    public static string NCompressed => Contents.Value.N;

    public static Spake2Vector Get(string name) =>
        Vectors.SingleOrDefault(vector => vector.Name == name)
            ?? throw new InvalidDataException($"rfc9382-p256.json has no vector named '{name}'.");

    private static (IReadOnlyList<Spake2Vector>, string, string) Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "spake2", "rfc9382-p256.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = document.RootElement;
        Spake2Vector[] vectors = [.. root.GetProperty("vectors").EnumerateArray().Select(Read)];
        return (vectors, Text(root, "M_compressed"), Text(root, "N_compressed"));
    }

    private static Spake2Vector Read(JsonElement entry) => new(
        Text(entry, "name"),
        Encoding.UTF8.GetBytes(Text(entry, "idA")),
        Encoding.UTF8.GetBytes(Text(entry, "idB")),
        Hex(entry, "w"),
        Hex(entry, "x"),
        Hex(entry, "y"),
        Hex(entry, "pA"),
        Hex(entry, "pB"),
        entry.TryGetProperty("TT", out _) ? Hex(entry, "TT") : null,
        Hex(entry, "Ke"),
        Hex(entry, "Ka"),
        Hex(entry, "KcA"),
        Hex(entry, "KcB"),
        Hex(entry, "cA"),
        Hex(entry, "cB"));

    private static byte[] Hex(JsonElement entry, string property) => Convert.FromHexString(Text(entry, property));

    private static string Text(JsonElement entry, string property) =>
        entry.GetProperty(property).GetString()
            ?? throw new InvalidDataException($"Vector property '{property}' is null.");
}

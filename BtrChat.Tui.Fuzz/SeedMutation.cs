using CsCheck;

namespace BtrChat.Fuzz;

/// <summary>
/// The CsCheck generator the property tests feed the fuzz targets: a quarter random bytes, the rest a seed from
/// the committed corpus with a few byte-level edits of the kinds AFL's havoc stage makes, so that random input
/// reaches past the first checks of each parser as it does under AFL.
/// </summary>
public static class SeedMutation
{
    private const int MaxRandomLength = 512;

    private const int MaxEdits = 6;

    public static Gen<byte[]> Inputs(IReadOnlyList<byte[]> seeds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(seeds.Count);
        Gen<Edit> edit = Gen.Select(Gen.Enum<EditKind>(), Gen.Int[0, int.MaxValue], Gen.Byte, (kind, at, value) => new Edit(kind, at, value));
        Gen<byte[]> mutated = Gen.Select(Gen.Int[0, seeds.Count - 1], edit.Array[1, MaxEdits], (seed, edits) => Apply(seeds[seed], edits));
        return Gen.Frequency((1, Gen.Byte.Array[0, MaxRandomLength]), (3, mutated));
    }

    /// <summary>Every file under <paramref name="directory"/>: one target's seeds.</summary>
    public static IReadOnlyList<byte[]> LoadSeeds(string directory) =>
        [.. Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    private static byte[] Apply(byte[] seed, Edit[] edits)
    {
        List<byte> bytes = [.. seed];
        foreach (Edit edit in edits)
        {
            int at = bytes.Count == 0 ? 0 : edit.At % bytes.Count;
            switch (edit.Kind)
            {
                case EditKind.Overwrite when bytes.Count > 0:
                    bytes[at] = edit.Value;
                    break;
                case EditKind.FlipBit when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << (edit.Value & 7));
                    break;
                case EditKind.Insert:
                    bytes.Insert(at, edit.Value);
                    break;
                case EditKind.Delete when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case EditKind.Truncate:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case EditKind.RepeatTail:
                    bytes.AddRange(bytes[at..]);
                    break;
            }
        }

        return [.. bytes];
    }

    private enum EditKind
    {
        Overwrite,
        FlipBit,
        Insert,
        Delete,
        Truncate,
        RepeatTail,
    }

    private readonly record struct Edit(EditKind Kind, int At, byte Value);
}

using System.Text.Json;

namespace BtrChat.Tests.Crypto;

/// <summary>Reads the spec's test vectors from the copies under TestData/fernet.</summary>
internal static class FernetVectorFile
{
    public static IReadOnlyList<JsonElement> Load(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "fernet", fileName);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.EnumerateArray().Select(entry => entry.Clone())];
    }

    public static string Text(this JsonElement entry, string property) =>
        entry.GetProperty(property).GetString()
            ?? throw new InvalidDataException($"Vector property '{property}' is null.");
}

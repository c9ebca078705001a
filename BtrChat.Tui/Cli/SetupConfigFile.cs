using System.Text;
using System.Text.Json;
using BtrChat.Transport;

namespace BtrChat.Cli;

/// <summary>One side's config file as written by <c>btrchat setup</c>: the queue pair, where SQS is, PIN mode.</summary>
public static class SetupConfigFile
{
    public static string FileName(string person) => $"btrchat-{person}.json";

    public static string Render(QueueNames queues, string? region, string? endpoint)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("txQueue", queues.Tx);
            json.WriteString("rxQueue", queues.Rx);
            json.WriteString("region", region);
            json.WriteString("endpoint", endpoint);
            json.WriteString("securityMode", "pin");
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the file; true if it was written, false if an identical one was already there.</summary>
    /// <exception cref="ConfigException">A different file is already at <paramref name="path"/>: it may hold someone's own settings.</exception>
    public static bool Write(string path, string content)
    {
        if (File.Exists(path))
        {
            return string.Equals(File.ReadAllText(path), content, StringComparison.Ordinal)
                ? false
                : throw new ConfigException($"{path}: already exists with different settings; move it away or choose another --out");
        }

        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
        return true;
    }
}

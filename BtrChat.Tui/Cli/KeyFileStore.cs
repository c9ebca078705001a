using BtrChat.Protocol;

namespace BtrChat.Cli;

/// <summary>Writes and reads key files, refusing any that other users could read.</summary>
public static class KeyFileStore
{
    private const UnixFileMode OthersMayAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> with a new key, mode 0600; never overwrites.</summary>
    public static void Create(string path)
    {
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(stream);
            writer.WriteLine(KeyFile.Generate());
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new ConfigException($"{path}: already exists; btrchat keygen never overwrites a key ({e.GetType().Name})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot create the key file ({e.Message})");
        }
    }

    /// <summary>The key as the handshake's secret; refuses a file readable by others, or one that holds no key.</summary>
    public static Pin Read(string path)
    {
        try
        {
            if ((File.GetUnixFileMode(path) & OthersMayAccess) != 0)
            {
                throw new ConfigException($"{path}: the key file is readable by other users; run: chmod 600 {path}");
            }

            var key = new Pin(File.ReadAllText(path).Trim());
            return KeyFile.Validate(key) is { } problem ? throw new ConfigException($"{path}: {problem}") : key;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read the key file ({e.GetType().Name})");
        }
    }
}

using BtrChat.Cli;
using BtrChat.Protocol;

namespace BtrChat.Tests.Cli;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KeyFileStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EnvironmentScope _env;

    public KeyFileStoreTests() => _env = new EnvironmentScope(_dir);

    [Fact]
    public void Create_NewPath_WritesAPrivateFileWithA32ByteKey()
    {
        var path = _dir.Combine("chat.key");

        KeyFileStore.Create(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(KeyFile.Size, KeyFile.Decode(KeyFileStore.Read(path)).Length);
    }

    [Fact]
    public void Create_TwoKeys_Differ()
    {
        KeyFileStore.Create(_dir.Combine("one.key"));
        KeyFileStore.Create(_dir.Combine("two.key"));

        Assert.NotEqual(File.ReadAllText(_dir.Combine("one.key")), File.ReadAllText(_dir.Combine("two.key")));
    }

    [Fact]
    public void Create_ExistingFile_IsNeverOverwritten()
    {
        var path = _dir.Write("chat.key", "keep me");

        var error = Assert.Throws<ConfigException>(() => KeyFileStore.Create(path));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    public void Read_FileOthersCanRead_IsRefusedWithTheChmodFix(UnixFileMode extra)
    {
        var path = _dir.Combine("chat.key");
        KeyFileStore.Create(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var error = Assert.Throws<ConfigException>(() => KeyFileStore.Read(path));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileWithoutAKey_IsRefusedWithoutEchoingItsContent()
    {
        var path = _dir.Write("chat.key", "not-a-key-at-all");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = Assert.Throws<ConfigException>(() => KeyFileStore.Read(path));

        Assert.DoesNotContain("not-a-key-at-all", error.Message, StringComparison.Ordinal);
        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigLoader_KeyFileModeWithoutKeyFile_NamesTheMissingSetting()
    {
        var path = _dir.Write("config.json", """{ "txQueue": "a", "rxQueue": "b", "securityMode": "key-file" }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, new Dictionary<string, string?>()));

        Assert.Contains("keyFile", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _env.Dispose();
        _dir.Dispose();
    }
}

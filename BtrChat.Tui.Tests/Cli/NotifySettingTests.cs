using BtrChat.Cli;

namespace BtrChat.Tests.Cli;

/// <summary>The <c>notify</c> setting: off unless asked for, from the file or BTRCHAT_NOTIFY, and one line for a bad value.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class NotifySettingTests : IDisposable
{
    private const string Queues = """ "txQueue": "alice-tx", "rxQueue": "bob-rx" """;

    private static readonly Dictionary<string, string?> NoFlags = [];

    private readonly TempDirectory _dir = new();
    private readonly EnvironmentScope _env;

    public NotifySettingTests() => _env = new EnvironmentScope(_dir);

    public void Dispose()
    {
        _env.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Unset_IsSilent() => Assert.False(ConfigLoader.Load(Config(string.Empty), NoFlags).Bell);

    [Theory]
    [InlineData("bell", true)]
    [InlineData("BELL", true)]
    [InlineData("none", false)]
    public void InTheFile_IsTaken(string value, bool bell) =>
        Assert.Equal(bell, ConfigLoader.Load(Config($""", "notify": "{value}" """), NoFlags).Bell);

    [Fact]
    public void TheEnvironment_OverridesTheFile()
    {
        _env.Set("BTRCHAT_NOTIFY", "bell");

        Assert.True(ConfigLoader.Load(Config(""", "notify": "none" """), NoFlags).Bell);
    }

    [Fact]
    public void AnUnknownValue_IsAConfigErrorNamingTheKeyAndTheChoices()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config(""", "notify": "flash" """), NoFlags));

        Assert.Contains("notify 'flash'", error.Message);
        Assert.Contains("none, bell", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private string Config(string extra) => _dir.Write("config.json", $$"""{ {{Queues}} {{extra}} }""");
}

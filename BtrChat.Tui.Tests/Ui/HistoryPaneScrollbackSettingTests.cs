using BtrChat.Cli;
using BtrChat.Tests.Cli;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>The <c>scrollback</c> setting through the config layers; ConfigLoader reads BTRCHAT_*, so each test has its own environment.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class HistoryPaneScrollbackSettingTests : IDisposable
{
    private const string Queues = """ "txQueue": "alice-tx", "rxQueue": "bob-rx" """;

    private static readonly Dictionary<string, string?> NoFlags = [];

    private readonly TempDirectory _dir = new();
    private readonly EnvironmentScope _env;

    public HistoryPaneScrollbackSettingTests() => _env = new EnvironmentScope(_dir);

    public void Dispose()
    {
        _env.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Unset_IsTenThousandLines()
    {
        var settings = ConfigLoader.Load(Config(string.Empty), NoFlags);

        Assert.Equal(10_000, settings.Scrollback);
        Assert.Equal(HistoryPane.DefaultScrollback, settings.Scrollback);
    }

    [Fact]
    public void AJsonNumberInTheFile_IsTaken()
    {
        var settings = ConfigLoader.Load(Config(""", "scrollback": 2500"""), NoFlags);

        Assert.Equal(2_500, settings.Scrollback);
    }

    [Fact]
    public void TheEnvironment_OverridesTheFile()
    {
        _env.Set("BTRCHAT_SCROLLBACK", "700");

        var settings = ConfigLoader.Load(Config(""", "scrollback": 2500"""), NoFlags);

        Assert.Equal(700, settings.Scrollback);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("-5")]
    [InlineData("lots")]
    [InlineData("1e4")]
    public void BelowTheMinimumOrNotAWholeNumber_IsAConfigErrorNamingTheKey(string value)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Config($""", "scrollback": "{value}" """), NoFlags));

        Assert.Contains("scrollback", error.Message);
        Assert.Contains("100", error.Message);
    }

    private string Config(string extra) => _dir.Write("config.json", $$"""{ {{Queues}} {{extra}} }""");
}

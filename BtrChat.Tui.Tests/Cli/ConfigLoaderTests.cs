using BtrChat.Cli;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog.Events;

namespace BtrChat.Tests.Cli;

/// <summary>ConfigLoader reads BTRCHAT_* and XDG_CONFIG_HOME, so every test here runs with its own environment.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ConfigLoaderTests : IDisposable
{
    private const string ValidJson = """
        {
          "txQueue": "alice-tx",
          "rxQueue": "bob-rx",
          "region": "eu-west-1",
          "endpoint": "http://localhost:4566",
          "securityMode": "legacy",
          "logFile": "/var/tmp/btrchat-test.log",
          "logLevel": "Debug"
        }
        """;

    private static readonly Dictionary<string, string?> NoFlags = [];

    private readonly TempDirectory _dir = new();
    private readonly EnvironmentScope _env;

    public ConfigLoaderTests() => _env = new EnvironmentScope(_dir);

    public void Dispose()
    {
        _env.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Load_ValidFile_GivesEverySettingInIt()
    {
        var path = _dir.Write("config.json", ValidJson);

        var settings = ConfigLoader.Load(path, NoFlags);

        Assert.Equal(new QueueNames("alice-tx", "bob-rx"), settings.Queues);
        Assert.Equal(new SqsEndpoint("eu-west-1", "http://localhost:4566"), settings.Endpoint);
        Assert.Equal(SecurityMode.Legacy, settings.Mode);
        Assert.Equal("/var/tmp/btrchat-test.log", settings.LogFile);
        Assert.Equal(LogEventLevel.Debug, settings.LogLevel);
    }

    [Fact]
    public void Load_OnlyTheQueues_TakesTheDefaultsForTheRest()
    {
        var path = _dir.Write("config.json", """{ "txQueue": "alice-tx", "rxQueue": "bob-rx" }""");

        var settings = ConfigLoader.Load(path, NoFlags);

        Assert.Equal(new SqsEndpoint(null, null), settings.Endpoint);
        Assert.Equal(SecurityMode.Pin, settings.Mode);
        Assert.Equal(LogEventLevel.Information, settings.LogLevel);
        Assert.Equal(_dir.Combine("state", "btrchat", "btrchat.log"), settings.LogFile);
    }

    [Fact]
    public void Load_CommentsTrailingCommasAndAnyKeyCase_AreAccepted()
    {
        var path = _dir.Write("config.json", """
            {
              // who sends where
              "TXQUEUE": " alice-tx ",
              "rxQueue": "bob-rx",
              "securityMode": "LEGACY",
              "logLevel": "warning",
            }
            """);

        var settings = ConfigLoader.Load(path, NoFlags);

        Assert.Equal(new QueueNames("alice-tx", "bob-rx"), settings.Queues);
        Assert.Equal(LogEventLevel.Warning, settings.LogLevel);
    }

    [Theory]
    [InlineData("txQueue", "BTRCHAT_TXQUEUE", "--tx-queue")]
    [InlineData("rxQueue", "BTRCHAT_RXQUEUE", "--rx-queue")]
    public void Load_MissingQueue_NamesTheKeyAndEveryWayToSetItInOneLine(string key, string variable, string flag)
    {
        var other = key == "txQueue" ? "rxQueue" : "txQueue";
        var path = _dir.Write("config.json", $$"""{ "{{other}}": "q", "{{key}}": "  " }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains(key, error.Message);
        Assert.Contains(variable, error.Message);
        Assert.Contains(flag, error.Message);
        Assert.Contains(path, error.Message);
        AssertOneLine(error.Message);
    }

    /// <summary>Found by scripts/fuzz (config): System.Text.Json threw InvalidOperationException on such a key, uncaught.</summary>
    [Theory]
    [InlineData("""{ "\ud800secuMityMode": "key-file" }""")]
    [InlineData("""{ "txQueue": "a", "rxQueue": "b", "\udc00": "x" }""")]
    [InlineData("""{ "txQueue": "a\ud800", "rxQueue": "b" }""")]
    public void Load_UnpairedSurrogateEscape_IsAConfigProblem(string json)
    {
        var path = _dir.Write("config.json", json);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains(path, error.Message);
        AssertOneLine(error.Message);
    }

    /// <summary>Found writing the config fuzz target's invariant: the file's own text went into the message raw.</summary>
    [Theory]
    [InlineData("""{ "a\nb": "x" }""", "'a^Jb'")]
    [InlineData("""{ "txQueue": "a", "rxQueue": "b", "securityMode": "x\ny" }""", "'x^Jy'")]
    [InlineData("""{ "txQueue": "a\u001b]0;owned\u0007", "rxQueue": "a\u001b]0;owned\u0007" }""", "'a^[]0;owned^G'")]
    public void Load_ControlCharactersInTheFile_ShownVisiblyOnOneLine(string json, string shown)
    {
        var path = _dir.Write("config.json", json);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains(shown, error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void Load_UnknownKey_NamesTheKeyAndTheFile()
    {
        var path = _dir.Write("config.json", """{ "txQueue": "a", "rxQueue": "b", "txQeueu": "typo" }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains("'txQeueu'", error.Message);
        Assert.Contains(path, error.Message);
        AssertOneLine(error.Message);
    }

    [Theory]
    [InlineData("{ \"txQueue\": \"a\", ")]
    [InlineData("")]
    [InlineData("txQueue = a")]
    public void Load_InvalidJson_NamesTheFileAndSaysItIsNotValidJson(string json)
    {
        var path = _dir.Write("config.json", json);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains(path, error.Message);
        Assert.Contains("not valid JSON", error.Message);
        AssertOneLine(error.Message);
    }

    [Fact]
    public void Load_JsonThatIsNotAnObject_SaysSo()
    {
        var path = _dir.Write("config.json", """["txQueue", "a"]""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains("expected a JSON object", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("true")]
    [InlineData("[\"a\"]")]
    [InlineData("{ \"name\": \"a\" }")]
    public void Load_NonStringValue_NamesTheKey(string value)
    {
        var path = _dir.Write("config.json", $$"""{ "txQueue": {{value}}, "rxQueue": "b" }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains("'txQueue' must be a string", error.Message);
        Assert.Contains(path, error.Message);
        AssertOneLine(error.Message);
    }

    [Fact]
    public void Load_DuplicateKey_IsAOneLineErrorNamingTheFile()
    {
        var path = _dir.Write("config.json", """{ "txQueue": "a", "rxQueue": "b", "txQueue": "c" }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        // The message names the file but, unlike every other problem, not the key (the detail is in the inner exception).
        Assert.StartsWith($"{path}: ", error.Message);
        AssertOneLine(error.Message);
    }

    [Theory]
    [InlineData("securityMode", "strong")]
    [InlineData("logLevel", "loud")]
    [InlineData("endpoint", "ftp://localhost:4566")]
    [InlineData("endpoint", "localhost:4566")]
    [InlineData("endpoint", "not a url")]
    public void Load_BadValue_NamesTheKeyAndTheValue(string key, string value)
    {
        var path = _dir.Write("config.json", $$"""{ "txQueue": "a", "rxQueue": "b", "{{key}}": "{{value}}" }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains(key, error.Message);
        Assert.Contains($"'{value}'", error.Message);
        AssertOneLine(error.Message);
    }

    [Fact]
    public void Load_SameQueueForBothDirections_IsAnError()
    {
        var path = _dir.Write("config.json", """{ "txQueue": "chat", "rxQueue": "chat" }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Contains("'chat'", error.Message);
        Assert.Contains("txQueue and rxQueue", error.Message);
        AssertOneLine(error.Message);
    }

    [Fact]
    public void Load_ExplicitConfigThatDoesNotExist_SaysConfigFileNotFound()
    {
        var path = _dir.Combine("nowhere", "config.json");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Equal($"{path}: config file not found", error.Message);
    }

    [Fact]
    public void Load_Flags_BeatTheFile()
    {
        var path = _dir.Write("config.json", ValidJson);

        var settings = ConfigLoader.Load(path, new Dictionary<string, string?>
        {
            ["txQueue"] = "other",
            ["rxQueue"] = null,
            ["logLevel"] = "Error",
        });

        Assert.Equal(new QueueNames("other", "bob-rx"), settings.Queues);
        Assert.Equal(LogEventLevel.Error, settings.LogLevel);
    }

    [Fact]
    public void Load_EnvironmentVariable_BeatsTheFile()
    {
        var path = _dir.Write("config.json", ValidJson);
        _env.Set("BTRCHAT_TXQUEUE", "from-env");

        var settings = ConfigLoader.Load(path, NoFlags);

        Assert.Equal(new QueueNames("from-env", "bob-rx"), settings.Queues);
    }

    [Fact]
    public void Load_Flag_BeatsTheEnvironmentVariable()
    {
        var path = _dir.Write("config.json", ValidJson);
        _env.Set("BTRCHAT_TXQUEUE", "from-env");

        var settings = ConfigLoader.Load(path, new Dictionary<string, string?> { ["txQueue"] = "from-flag" });

        Assert.Equal("from-flag", settings.Queues.Tx);
    }

    [Fact]
    public void Load_WithoutConfigOption_ReadsTheFileUnderXdgConfigHome()
    {
        _dir.Write(Path.Combine("config", "btrchat", "config.json"), ValidJson);

        var settings = ConfigLoader.Load(null, NoFlags);

        Assert.Equal(new QueueNames("alice-tx", "bob-rx"), settings.Queues);
    }

    [Fact]
    public void Load_WithoutConfigOptionOrFile_TakesEnvironmentAndFlagsAlone()
    {
        _env.Set("BTRCHAT_TXQUEUE", "alice-tx");

        var settings = ConfigLoader.Load(null, new Dictionary<string, string?> { ["rxQueue"] = "bob-rx" });

        Assert.Equal(new QueueNames("alice-tx", "bob-rx"), settings.Queues);
    }

    [Fact]
    public void Load_NothingSetAnywhere_NamesTxQueueWithoutInventingAFile()
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, NoFlags));

        Assert.StartsWith("configuration: txQueue is not set", error.Message);
        AssertOneLine(error.Message);
    }

    [Fact]
    public void Load_BadValueFromAFlag_IsReportedLikeOneFromTheFile()
    {
        var path = _dir.Write("config.json", ValidJson);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, new Dictionary<string, string?> { ["logLevel"] = "chatty" }));

        Assert.Contains("logLevel 'chatty'", error.Message);
    }

    private static void AssertOneLine(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
    }

    /// <remarks>
    /// A profile that is there is tested in separate processes (AwsProfileNativeAotTests): the SDK reads the AWS
    /// files' locations once per process, so in this shared test process only the absent case is reliable.
    /// </remarks>
    [Fact]
    public void Load_ProfileNotInTheAwsFiles_NamesTheProfileAndTheFile()
    {
        _env.Set("AWS_CONFIG_FILE", _dir.Write("aws-config", "[profile work]\nregion = eu-north-1\n"));
        _env.Set("AWS_SHARED_CREDENTIALS_FILE", _dir.Combine("no-credentials"));
        var path = _dir.Write("config.json", """{ "txQueue": "alice-tx", "rxQueue": "bob-rx", "profile": "home" }""");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoFlags));

        Assert.Equal($"{path}: profile 'home' is not in the AWS config or credentials files, or holds no credentials (see: aws configure list-profiles)", error.Message);
    }
}

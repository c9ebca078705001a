using System.Text.Json;
using BtrChat.Protocol;
using BtrChat.Transport;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace BtrChat.Cli;

/// <summary>
/// Layers the settings: built-in defaults &lt; config file &lt; BTRCHAT_* environment variables &lt; command-line
/// flags, then validates them. Every problem is one line naming the key (and the file), thrown as
/// <see cref="ConfigException"/>.
/// </summary>
public static class ConfigLoader
{
    public const string EnvironmentPrefix = "BTRCHAT_";

    public static ChatSettings Load(string? explicitConfigPath, IReadOnlyDictionary<string, string?> flagOverrides)
    {
        var path = explicitConfigPath ?? (File.Exists(AppPaths.ConfigFile) ? AppPaths.ConfigFile : null);
        if (explicitConfigPath is not null && !File.Exists(explicitConfigPath))
        {
            throw new ConfigException($"{explicitConfigPath}: config file not found");
        }

        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            CheckFile(path);
            builder.AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddInMemoryCollection(flagOverrides.Where(f => f.Value is not null));

        ChatOptions options;
        try
        {
            options = builder.Build().Get<ChatOptions>() ?? new ChatOptions();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidOperationException)
        {
            throw new ConfigException($"{path ?? "configuration"}: {FirstLine(e.Message)}");
        }

        return Validate(options, path ?? "configuration");
    }

    private static ChatSettings Validate(ChatOptions options, string source)
    {
        var tx = Required(options.TxQueue, "txQueue", source);
        var rx = Required(options.RxQueue, "rxQueue", source);
        if (string.Equals(tx, rx, StringComparison.Ordinal))
        {
            throw new ConfigException($"{source}: txQueue and rxQueue are both '{tx}'; each side needs one queue per direction");
        }

        var mode = (options.SecurityMode ?? "pin").Trim().ToLowerInvariant() switch
        {
            "pin" => SecurityMode.Pin,
            "key-file" => SecurityMode.KeyFile,
            "legacy" => SecurityMode.Legacy,
            var other => throw new ConfigException($"{source}: securityMode '{other}' is not one of: pin, key-file, legacy"),
        };
        var keyFile = NullIfEmpty(options.KeyFile);
        if (mode == SecurityMode.KeyFile && keyFile is null)
        {
            throw new ConfigException($"{source}: securityMode 'key-file' needs keyFile (create one with: btrchat keygen FILE)");
        }

        if (options.Endpoint is { Length: > 0 } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ConfigException($"{source}: endpoint '{endpoint}' is not an http(s) URL");
        }

        var profile = NullIfEmpty(options.Profile);
        if (profile is not null && AwsProfile.Find(profile) is null)
        {
            throw new ConfigException($"{source}: {AwsProfile.NotFound(profile)}");
        }

        var level = LogEventLevel.Information;
        if (options.LogLevel is { Length: > 0 } levelText && !Enum.TryParse(levelText, ignoreCase: true, out level))
        {
            throw new ConfigException($"{source}: logLevel '{levelText}' is not one of: {string.Join(", ", Enum.GetNames<LogEventLevel>())}");
        }

        var scrollback = BtrChat.Ui.HistoryPane.DefaultScrollback;
        if (options.Scrollback is { Length: > 0 } scrollbackText
            && (!int.TryParse(scrollbackText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out scrollback)
                || scrollback < BtrChat.Ui.HistoryPane.MinimumScrollback))
        {
            throw new ConfigException($"{source}: scrollback '{scrollbackText}' is not a whole number of lines, at least {BtrChat.Ui.HistoryPane.MinimumScrollback}");
        }

        var bell = NullIfEmpty(options.Notify)?.ToLowerInvariant() switch
        {
            null or "none" => false,
            "bell" => true,
            var other => throw new ConfigException($"{source}: notify '{other}' is not one of: none, bell"),
        };

        return new ChatSettings(
            new QueueNames(tx, rx),
            new SqsEndpoint(NullIfEmpty(options.Region), NullIfEmpty(options.Endpoint), profile),
            mode,
            keyFile,
            NullIfEmpty(options.LogFile) ?? AppPaths.LogFile,
            level,
            scrollback,
            bell);
    }

    /// <summary>Reads the file once as JSON to name an unknown key or a syntax error precisely.</summary>
    private static void CheckFile(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{path}: not valid JSON (line {(e.LineNumber ?? 0) + 1})");
        }
        catch (IOException e)
        {
            throw new ConfigException($"{path}: cannot read ({e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"{path}: expected a JSON object");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = KeyOf(property, path);
                if (!seen.Add(name))
                {
                    throw new ConfigException($"{path}: key '{name}' appears more than once");
                }

                if (!ChatOptions.Keys.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new ConfigException($"{path}: unknown key '{name}' (known: {string.Join(", ", ChatOptions.Keys)})");
                }

                var isScrollbackNumber = property.Value.ValueKind == JsonValueKind.Number
                    && string.Equals(name, "scrollback", StringComparison.OrdinalIgnoreCase);
                if (!isScrollbackNumber && property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    throw new ConfigException($"{path}: '{name}' must be a string");
                }
            }
        }
    }

    /// <summary>A key's text. JSON may escape half a surrogate pair (\ud800), which System.Text.Json refuses to unescape by throwing.</summary>
    private static string KeyOf(JsonProperty property, string path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new ConfigException($"{path}: a key holds an unpaired surrogate escape (\\uD800-\\uDFFF alone)");
        }
    }

    private static string Required(string? value, string key, string source) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ConfigException($"{source}: {key} is not set (config file, {EnvironmentPrefix}{key.ToUpperInvariant()} or --{Kebab(key)})")
            : value.Trim();

    private static string Kebab(string key) => string.Concat(key.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}

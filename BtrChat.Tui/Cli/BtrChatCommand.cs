using System.CommandLine;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Serilog;
using Serilog.Core;

namespace BtrChat.Cli;

/// <summary>The command line: parses, loads settings, sets up logging, then hands over to a front end.</summary>
public static class BtrChatCommand
{
    private static readonly Option<string?> ConfigOption = new("--config") { Description = "Config file (default: $XDG_CONFIG_HOME/btrchat/config.json)" };
    private static readonly Option<string?> PinFileOption = new("--pin-file") { Description = "Read the PIN from this file instead of asking (or set BTRCHAT_PIN)" };
    private static readonly Option<string?> TxQueueOption = new("--tx-queue") { Description = "Queue you send on (overrides txQueue)" };
    private static readonly Option<string?> RxQueueOption = new("--rx-queue") { Description = "Queue you read (overrides rxQueue)" };
    private static readonly Option<string?> RegionOption = new("--region") { Description = "AWS region (overrides region)" };
    private static readonly Option<string?> ProfileOption = new("--profile") { Description = "AWS profile from ~/.aws/config or ~/.aws/credentials (overrides profile and AWS_PROFILE)" };
    private static readonly Option<string?> EndpointOption = new("--endpoint") { Description = "SQS endpoint URL, e.g. a local emulator (overrides endpoint)" };
    private static readonly Option<string?> SecurityModeOption = new("--security-mode") { Description = "pin (default), key-file, or legacy (talks to the original btrchat; insecure)" };
    private static readonly Option<string?> KeyFileOption = new("--key-file") { Description = "Key file for --security-mode key-file (overrides keyFile)" };
    private static readonly Argument<string> KeygenPathArgument = new("FILE") { Description = "Where to write the new key (created 0600, never overwritten)" };
    private static readonly Option<string?> LogFileOption = new("--log-file") { Description = "Log file (default: $XDG_STATE_HOME/btrchat/btrchat.log)" };
    private static readonly Option<string?> LogLevelOption = new("--log-level") { Description = "Verbose, Debug, Information, Warning, Error or Fatal" };

    public static async Task<int> RunAsync(string[] args)
    {
        // Each command lists only the options it reads, so its --help says what it takes.
        Option[] settings = [ConfigOption, TxQueueOption, RxQueueOption, RegionOption, ProfileOption, EndpointOption, SecurityModeOption, KeyFileOption, LogFileOption, LogLevelOption];
        var root = new RootCommand("btrchat: a two-person chat through Amazon SQS, full screen in your terminal.");
        AddOptions(root, [.. settings, PinFileOption]);
        root.SetAction((parse, _) => Task.FromResult(Guarded(parse, RunChat)));

        var echo = new Command("echo-peer", "Run a headless peer that answers every message with 'echo: <text>' (the demo's other side)");
        AddOptions(echo, [.. settings, PinFileOption]);
        echo.SetAction((parse, cancellationToken) => Task.FromResult(Guarded(parse, (settings, pin, log, _) => RunEchoPeer(settings, pin, log, cancellationToken))));
        root.Subcommands.Add(echo);

        var keygen = new Command("keygen", "Write a new random key for --security-mode key-file; give the peer a copy over a safe channel") { KeygenPathArgument };
        keygen.SetAction(parse => Keygen(parse.GetValue(KeygenPathArgument)!));
        root.Subcommands.Add(keygen);

        var doctor = new Command("doctor", "Check the configuration, credentials, queues, endpoint, clock and file permissions; one line each");
        AddOptions(doctor, settings);
        doctor.SetAction((parse, cancellationToken) => DoctorCommand.RunAsync(parse.GetValue(ConfigOption), Overrides(parse), Console.Out, cancellationToken));
        root.Subcommands.Add(doctor);

        root.Subcommands.Add(SetupCommand.Create(RegionOption, ProfileOption, EndpointOption));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"btrchat: {error.Message}");
            }

            Console.Error.WriteLine("Try 'btrchat --help'.");
            return ExitCodes.BadConfiguration;
        }

        // Our own signal handling restores the terminal; the parser's would end the process under it.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false });
    }

    private static void AddOptions(Command command, IEnumerable<Option> options)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
    }

    private static int Guarded(ParseResult parse, Func<ChatSettings, Pin?, ILogger, LogFileSwitch, int> run)
    {
        ChatSettings settings;
        Pin? pin;
        Logger log;
        LogFileSwitch logFile;
        try
        {
            settings = ConfigLoader.Load(parse.GetValue(ConfigOption), Overrides(parse));
            pin = settings.Mode == SecurityMode.KeyFile
                ? KeyFileStore.Read(settings.KeyFile!)
                : PinSource.FromFileOrEnvironment(parse.GetValue(PinFileOption));
            var level = new LoggingLevelSwitch(settings.LogLevel);
            log = LogSetup.Create(settings.LogFile, level);
            logFile = new LogFileSwitch(settings.LogFile, level);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"btrchat: {e.Message}");
            return ExitCodes.BadConfiguration;
        }

        using (log)
        {
            Log.Logger = log;
            log.Information("btrchat {Version} starting: mode {Mode}, tx {Tx}, rx {Rx}", typeof(BtrChatCommand).Assembly.GetName().Version, settings.Mode, settings.Queues.Tx, settings.Queues.Rx);
            try
            {
                var code = run(settings, pin, log, logFile);
                log.Information("btrchat exiting with code {Code}", code);
                return code;
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine($"btrchat: {e.Message}");
                return ExitCodes.BadConfiguration;
            }
            catch (Exception e)
            {
                log.Fatal(e, "Unexpected error");
                Ui.TerminalRestore.Now();
                Console.Error.WriteLine($"btrchat: unexpected error ({e.GetType().Name}); details in {settings.LogFile}");
                return ExitCodes.Failure;
            }
        }
    }

    private static int RunChat(ChatSettings settings, Pin? pin, ILogger log, LogFileSwitch logFile)
    {
        if (pin is not null && SecureChannels.Validate(settings.Mode, pin) is { } problem)
        {
            throw new ConfigException(problem);
        }

        return TerminalChat.Run(settings.Mode, settings.Queues, () => new SqsMessageQueue(settings.Endpoint.CreateClient), pin, log, logFile, settings.Scrollback, settings.Bell);
    }

    private static int RunEchoPeer(ChatSettings settings, Pin? pin, ILogger log, CancellationToken cancellationToken)
    {
        if (pin is null)
        {
            throw new ConfigException($"echo-peer needs the PIN in {PinSource.EnvironmentVariable} or --pin-file");
        }

        if (SecureChannels.Validate(settings.Mode, pin) is { } problem)
        {
            throw new ConfigException(problem);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = QuitSignals.Register(stop.Cancel);
        return EchoPeer.RunAsync(settings, pin, log, stop.Token).GetAwaiter().GetResult();
    }

    private static int Keygen(string path)
    {
        try
        {
            KeyFileStore.Create(path);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"btrchat: {e.Message}");
            return ExitCodes.BadConfiguration;
        }

        Console.Out.WriteLine($"btrchat: wrote a new key to {path} (mode 0600). Give your peer a copy over a safe channel.");
        return ExitCodes.Ok;
    }

    private static Dictionary<string, string?> Overrides(ParseResult parse) => new()
    {
        ["txQueue"] = parse.GetValue(TxQueueOption),
        ["rxQueue"] = parse.GetValue(RxQueueOption),
        ["region"] = parse.GetValue(RegionOption),
        ["profile"] = parse.GetValue(ProfileOption),
        ["endpoint"] = parse.GetValue(EndpointOption),
        ["securityMode"] = parse.GetValue(SecurityModeOption),
        ["keyFile"] = parse.GetValue(KeyFileOption),
        ["logFile"] = parse.GetValue(LogFileOption),
        ["logLevel"] = parse.GetValue(LogLevelOption),
    };
}

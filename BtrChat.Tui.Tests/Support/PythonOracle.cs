using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace BtrChat.Tests.Support;

/// <summary>
/// Runs inline scripts with the machine's <c>python3</c>, so tests can hold our wire formats up against the
/// reference implementations (Python's <c>cryptography</c>, <c>boto3</c>).
/// </summary>
/// <remarks>
/// Scripts get their inputs only through argv, stdin and environment variables, never through a shell, so
/// no value needs quoting. Pass binary data as hex or base64.
/// </remarks>
public static class PythonOracle
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private const string Requirement =
        "python3 on PATH needs boto3>=1.28 and cryptography (pip install boto3 cryptography); Debian's python3-boto3 is too old";

    private static readonly Version MinimumBoto3 = new(1, 28);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly Lazy<string?> Executable = new(FindOnPath);

    private static readonly Lazy<string?> Unavailability = new(FindUnavailability);

    /// <summary>Throws, with one line saying what to install, unless python3 can import boto3 (1.28 or later) and cryptography.</summary>
    /// <remarks>The check runs once per test process.</remarks>
    public static void EnsureAvailable()
    {
        if (Unavailability.Value is { } reason)
        {
            throw new InvalidOperationException($"{Requirement} ({reason})");
        }
    }

    /// <summary>Runs <c>python3 -c <paramref name="script"/> <paramref name="args"/>…</c> and returns its standard output.</summary>
    /// <param name="stdin">Written to the script's standard input, which is then closed; when null the script reads end of file at once.</param>
    /// <param name="env">Added to (or overriding) the inherited environment.</param>
    /// <param name="timeout">Defaults to <see cref="DefaultTimeout"/>; on expiry the process tree is killed.</param>
    /// <exception cref="InvalidOperationException">python3 is not on PATH, or the script exits with a non-zero code; the message carries stdout and stderr.</exception>
    /// <exception cref="TimeoutException">The script outlived <paramref name="timeout"/>; the message carries what it had written.</exception>
    public static string Run(
        string script,
        IEnumerable<string> args,
        string? stdin = null,
        IDictionary<string, string>? env = null,
        TimeSpan? timeout = null)
    {
        ProcessOutcome outcome = Execute(script, args, stdin, env, timeout ?? DefaultTimeout);
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"python3 exited with code {outcome.ExitCode}.{Describe(outcome.Stdout, outcome.Stderr)}");
        }

        return outcome.Stdout;
    }

    private static ProcessOutcome Execute(
        string script,
        IEnumerable<string> args,
        string? stdin,
        IDictionary<string, string>? env,
        TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(args);

        string python = Executable.Value ?? throw new InvalidOperationException($"{Requirement} (no python3 found on PATH)");
        var startInfo = new ProcessStartInfo(python)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        // Python otherwise picks its stdio encoding from the locale, which would garble non-ASCII text on a C locale.
        startInfo.Environment["PYTHONIOENCODING"] = "utf-8";
        if (env is not null)
        {
            foreach ((string name, string value) in env)
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {python}.");

        // Both pipes drain concurrently with the stdin write: a script that fills one pipe while we block on
        // another would otherwise deadlock.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task writer = Task.Run(() => WriteAndClose(process.StandardInput, stdin));

        bool finished = process.WaitForExit(timeout);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
        }

        // The parameterless wait also waits for the redirected streams to reach end of file.
        process.WaitForExit();
        writer.Wait();
        if (!finished)
        {
            throw new TimeoutException(
                $"python3 did not finish within {timeout}.{Describe(stdout.Result, stderr.Result)}");
        }

        return new ProcessOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void WriteAndClose(StreamWriter input, string? text)
    {
        try
        {
            if (text is not null)
            {
                input.Write(text);
            }

            input.Close();
        }
        catch (IOException)
        {
            // The script exited without reading all of its input; its exit code tells the story.
        }
    }

    private static string Describe(string stdout, string stderr) =>
        $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{stderr}";

    private static string? FindOnPath()
    {
        string[] directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return directories.Select(directory => Path.Combine(directory, "python3")).FirstOrDefault(File.Exists);
    }

    private static string? FindUnavailability()
    {
        if (Executable.Value is null)
        {
            return "no python3 found on PATH";
        }

        ProcessOutcome outcome;
        try
        {
            outcome = Execute(
                "import boto3, cryptography; print(boto3.__version__)",
                [],
                stdin: null,
                env: null,
                DefaultTimeout);
        }
        catch (Exception e) when (e is TimeoutException or Win32Exception or InvalidOperationException)
        {
            return e.Message.ReplaceLineEndings(" ");
        }

        if (outcome.ExitCode != 0)
        {
            // The last line of a traceback names the failure, e.g. "ModuleNotFoundError: No module named 'boto3'".
            string[] lines = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length > 0 ? lines[^1] : $"exit code {outcome.ExitCode}";
        }

        string found = outcome.Stdout.Trim();
        return Version.TryParse(found, out Version? version) && version >= MinimumBoto3
            ? null
            : $"found boto3 {found}";
    }

    private sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr);
}

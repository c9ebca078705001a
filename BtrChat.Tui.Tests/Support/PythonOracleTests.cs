using System.Text.Json;

namespace BtrChat.Tests.Support;

public class PythonOracleTests
{
    private const string EchoInputs = """
        import json, os, sys
        print(json.dumps({"argv": sys.argv[1:], "stdin": sys.stdin.read(), "env": os.environ.get("ORACLE_TEST")}))
        """;

    [Fact]
    public void EnsureAvailable_OnThisMachine_DoesNotThrow()
    {
        PythonOracle.EnsureAvailable();
    }

    [Fact]
    public void Run_ArgumentsStdinAndEnvironment_ReachTheScriptVerbatim()
    {
        string[] args = ["plain", "with space", "quote \" and ' both", "$HOME `id` ;|&", "ünïcødé ✓", ""];
        const string Stdin = "line one\nline \"two\" ✓\n";

        string stdout = PythonOracle.Run(EchoInputs, args, Stdin, new Dictionary<string, string> { ["ORACLE_TEST"] = "set ✓" });

        using JsonDocument echo = JsonDocument.Parse(stdout);
        Assert.Equal(args, echo.RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(Stdin, echo.RootElement.GetProperty("stdin").GetString());
        Assert.Equal("set ✓", echo.RootElement.GetProperty("env").GetString());
    }

    [Fact]
    public void Run_WithoutStdin_GivesTheScriptEndOfFile()
    {
        string stdout = PythonOracle.Run(EchoInputs, []);

        using JsonDocument echo = JsonDocument.Parse(stdout);
        Assert.Equal(string.Empty, echo.RootElement.GetProperty("stdin").GetString());
    }

    [Fact]
    public void Run_ScriptThatFails_ThrowsWithItsStdoutAndStderr()
    {
        const string Script = """
            import sys
            print("partial output")
            sys.exit("something went wrong")
            """;

        var error = Assert.Throws<InvalidOperationException>(() => PythonOracle.Run(Script, []));

        Assert.Contains("exited with code 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("partial output", error.Message, StringComparison.Ordinal);
        Assert.Contains("something went wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ScriptThatOutlivesTheTimeout_IsKilledAndThrowsTimeoutException()
    {
        const string Script = """
            import sys, time
            print("started", flush=True)
            time.sleep(60)
            """;

        var error = Assert.Throws<TimeoutException>(() => PythonOracle.Run(Script, [], timeout: TimeSpan.FromSeconds(2)));

        Assert.Contains("started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ScriptThatIgnoresLargeStdin_DoesNotDeadlock()
    {
        string stdout = PythonOracle.Run("print('ignored')", [], stdin: new string('x', 4 * 1024 * 1024));

        Assert.Equal("ignored", stdout.Trim());
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace BtrChat.Tests.Support;

/// <summary>Starts the real btrchat program built next to the tests.</summary>
public static class BtrchatProcess
{
    /// <summary>Through the dotnet host that runs the tests, so no apphost lookup is involved; all three streams redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "btrchat.dll");
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(dotnetRoot, "dotnet");
        return Redirected(File.Exists(host) ? host : "dotnet", [dll, .. args]);
    }

    /// <summary><paramref name="program"/> with <paramref name="args"/>, all three streams redirected, output read as UTF-8.</summary>
    public static ProcessStartInfo Redirected(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}

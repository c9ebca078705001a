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
        var start = new ProcessStartInfo(File.Exists(host) ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}

using SharpFuzz;

namespace BtrChat.Fuzz;

public static class Program
{
    /// <summary>
    /// <c>TARGET</c>: the AFL++ fork server for one target (scripts/fuzz starts it under afl-fuzz).
    /// <c>TARGET FILE...</c>: runs each file once and names the first that fails, to replay a crash.
    /// <c>--list</c>: the targets.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args is [] or ["--list"])
        {
            foreach (FuzzTarget t in FuzzTarget.All)
            {
                Console.WriteLine($"{t.Name,-10} {t.Parses}");
            }

            return args is [] ? 2 : 0;
        }

        if (FuzzTarget.Find(args[0]) is not { } target)
        {
            Console.Error.WriteLine($"unknown target '{args[0]}'; --list shows them");
            return 2;
        }

        if (args.Length == 1)
        {
            Fuzzer.Run(stream => target.Run(ReadAll(stream)));
            return 0;
        }

        foreach (string file in args.Skip(1))
        {
            target.Run(File.ReadAllBytes(file));
        }

        Console.WriteLine($"{target.Name}: {args.Length - 1} input(s) ran clean");
        return 0;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

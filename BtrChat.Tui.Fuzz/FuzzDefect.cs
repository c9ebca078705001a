namespace BtrChat.Fuzz;

/// <summary>A parser broke a promise it makes about its output; thrown so the fuzzer records the input as a crash.</summary>
public sealed class FuzzDefect(string message) : Exception(message)
{
    public static void Unless(bool condition, string promise)
    {
        if (!condition)
        {
            throw new FuzzDefect(promise);
        }
    }
}

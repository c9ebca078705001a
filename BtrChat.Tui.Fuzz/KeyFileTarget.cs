using System.Text;
using BtrChat.Protocol;

namespace BtrChat.Fuzz;

/// <summary>
/// A key file's text (the peer sent it; it may be anything): KeyFile.Validate says yes or why not and never
/// throws; Decode gives the key exactly when Validate says yes, and throws its documented ArgumentException otherwise.
/// </summary>
public static class KeyFileTarget
{
    public static void Run(byte[] input)
    {
        var text = new Pin(Encoding.UTF8.GetString(input));
        string? problem = KeyFile.Validate(text);
        try
        {
            byte[] key = KeyFile.Decode(text);
            FuzzDefect.Unless(problem is null, "Decode accepts only what Validate accepts");
            FuzzDefect.Unless(key.Length == KeyFile.Size, "a key is 32 bytes");
        }
        catch (ArgumentException)
        {
            FuzzDefect.Unless(problem is not null, "Decode refuses only what Validate refuses");
        }
    }
}

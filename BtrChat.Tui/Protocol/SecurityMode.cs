namespace BtrChat.Protocol;

public enum SecurityMode
{
    /// <summary>The default: a PIN typed at start drives a SPAKE2 handshake that yields fresh session keys.</summary>
    Pin,

    /// <summary>Like <see cref="Pin"/>, with a high-entropy secret read from a file instead of a typed PIN.</summary>
    KeyFile,

    /// <summary>Wire-compatible with the original Python btrchat; the PIN protects neither secrecy nor, for long, integrity.</summary>
    Legacy,
}

public static class SecurityModeText
{
    public static string Describe(this SecurityMode mode) => mode switch
    {
        SecurityMode.Legacy => "LEGACY (insecure)",
        SecurityMode.Pin => "PIN",
        SecurityMode.KeyFile => "key file",
        _ => mode.ToString(),
    };

    public static bool IsInsecure(this SecurityMode mode) => mode == SecurityMode.Legacy;
}

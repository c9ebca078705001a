namespace BtrChat.Protocol;

public enum SecurityMode
{
    /// <summary>Wire-compatible with the original Python btrchat; the PIN protects neither secrecy nor, for long, integrity.</summary>
    Legacy,
}

public static class SecurityModeText
{
    public static string Describe(this SecurityMode mode) => mode switch
    {
        SecurityMode.Legacy => "LEGACY (insecure)",
        _ => mode.ToString(),
    };

    public static bool IsInsecure(this SecurityMode mode) => mode == SecurityMode.Legacy;
}

namespace BtrChat.Protocol;

/// <summary>
/// The shared secret as typed. It never prints: <see cref="ToString"/> is redacted, so a log call or
/// string interpolation that picks it up by mistake leaks nothing.
/// </summary>
public sealed class Pin(string value)
{
    internal string Value { get; } = value;

    public override string ToString() => "Pin(redacted)";
}

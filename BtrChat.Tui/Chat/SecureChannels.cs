using BtrChat.Protocol;

namespace BtrChat.Chat;

/// <summary>Creates the <see cref="ISecureChannel"/> for a security mode and checks a PIN for it.</summary>
public static class SecureChannels
{
    /// <summary>Null when <paramref name="pin"/> suits <paramref name="mode"/>, else one line for the user.</summary>
    public static string? Validate(SecurityMode mode, Pin pin) => mode switch
    {
        SecurityMode.Legacy => LegacyChannel.Validate(pin.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static ISecureChannel Create(SecurityMode mode, Pin pin) => mode switch
    {
        SecurityMode.Legacy => LegacyChannel.Create(pin),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}

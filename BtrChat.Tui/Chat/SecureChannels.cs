using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Chat;

/// <summary>Creates the <see cref="ISecureChannel"/> for a security mode and checks a secret for it.</summary>
public static class SecureChannels
{
    /// <summary>Null when <paramref name="pin"/> suits <paramref name="mode"/>, else one line for the user.</summary>
    public static string? Validate(SecurityMode mode, Pin pin) => mode switch
    {
        SecurityMode.Legacy => LegacyChannel.Validate(pin.Value),
        SecurityMode.Pin => PinChannel.Validate(pin),
        SecurityMode.KeyFile => KeyFile.Validate(pin),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static ISecureChannel Create(SecurityMode mode, Pin pin, QueueNames queues, HandshakePolicy policy) => mode switch
    {
        SecurityMode.Legacy => LegacyChannel.Create(pin),
        SecurityMode.Pin => PinChannel.ForPin(pin, new QueuePair(queues.Tx, queues.Rx), policy),
        SecurityMode.KeyFile => PinChannel.ForKey(KeyFile.Decode(pin), new QueuePair(queues.Tx, queues.Rx), policy),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}

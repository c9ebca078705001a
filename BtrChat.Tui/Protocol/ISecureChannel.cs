namespace BtrChat.Protocol;

/// <summary>
/// Turns chat text into queue bodies and back. Each security mode is one implementation,
/// so the session, transport and UI never depend on how a mode protects a message.
/// Implementations are pure: no I/O, no clock other than the one passed in.
/// </summary>
public interface ISecureChannel
{
    SecurityMode Mode { get; }

    /// <summary>Seals <paramref name="text"/> into the body of one queue message.</summary>
    string Seal(string text, DateTimeOffset now);

    /// <summary>Opens a received body. Untrusted input: failures come back as a result, never as exceptions.</summary>
    OpenResult Open(string body, DateTimeOffset now);
}

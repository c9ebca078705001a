namespace BtrChat.Transport;

/// <summary>One message as the queue returned it: untrusted text plus what is needed to settle it.</summary>
public sealed record ReceivedMessage(string Body, MessageHandle Handle);

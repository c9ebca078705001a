namespace BtrChat.Transport;

/// <summary>A queue resolved on the endpoint: its URL and the attributes that change how we send to it.</summary>
public sealed record QueueInfo(string Name, string Url, bool IsFifo, bool ContentBasedDeduplication);

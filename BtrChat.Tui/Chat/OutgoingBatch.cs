using System.Text;
using BtrChat.Transport;

namespace BtrChat.Chat;

/// <summary>Bodies gathered for one SendMessageBatch, within SQS's entry and size limits, with the texts they carry.</summary>
internal sealed class OutgoingBatch
{
    private readonly List<string> _bodies = [];
    private readonly List<SentText?> _texts = [];
    private int _bytes;

    public int Count => _bodies.Count;

    public IReadOnlyList<string> Bodies => _bodies;

    /// <summary>For each body, the user's message it seals, or null for a handshake frame.</summary>
    public IReadOnlyList<SentText?> Texts => _texts;

    public bool Fits(string body) =>
        _bodies.Count < SqsMessageQueue.MaxBatchEntries && _bytes + Encoding.UTF8.GetByteCount(body) <= SqsMessageQueue.MaxBatchBytes;

    public void Add(string body, SentText? text)
    {
        _bodies.Add(body);
        _texts.Add(text);
        _bytes += Encoding.UTF8.GetByteCount(body);
    }

    public void Clear()
    {
        _bodies.Clear();
        _texts.Clear();
        _bytes = 0;
    }

    /// <summary>The local id of a user's message and its length, for its sent or failed event and the log.</summary>
    public readonly record struct SentText(long Id, int Length);
}

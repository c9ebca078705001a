using System.Text;
using BtrChat.Protocol;
using BtrChat.Transport;

namespace BtrChat.Chat;

/// <summary>Bodies gathered for one SendMessageBatch, within SQS's entry and size limits, with the outbox dispatches they carry.</summary>
internal sealed class OutgoingBatch
{
    private readonly List<string> _bodies = [];
    private readonly List<Outbox.Dispatch?> _dispatches = [];
    private int _bytes;

    public int Count => _bodies.Count;

    public IReadOnlyList<string> Bodies => _bodies;

    /// <summary>For each body, the user's message it seals, or null for a handshake frame.</summary>
    public IReadOnlyList<Outbox.Dispatch?> Dispatches => _dispatches;

    public bool Fits(string body) =>
        _bodies.Count < SqsMessageQueue.MaxBatchEntries && _bytes + Encoding.UTF8.GetByteCount(body) <= SqsMessageQueue.MaxBatchBytes;

    public void Add(string body, Outbox.Dispatch? dispatch)
    {
        _bodies.Add(body);
        _dispatches.Add(dispatch);
        _bytes += Encoding.UTF8.GetByteCount(body);
    }

    public void Clear()
    {
        _bodies.Clear();
        _dispatches.Clear();
        _bytes = 0;
    }

}

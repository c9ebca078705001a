namespace BtrChat.Chat;

/// <summary>
/// Delivers session events to a front end in batches and settles each received queue message only after
/// the front end has shown it. Awaiting the front end before reading more gives back-pressure: a slow
/// screen slows the poller instead of growing a queue in memory.
/// </summary>
public static class ChatEventPump
{
    private const int MaxBatch = 64;

    public static async Task RunAsync(ChatSession session, Func<IReadOnlyList<ChatEvent>, Task> show, CancellationToken cancellationToken)
    {
        var reader = session.Events;
        var batch = new List<ChatEvent>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                await show(batch.ToArray());
                foreach (var shown in batch)
                {
                    session.MarkShown(shown);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The front end is closing.
        }
    }
}

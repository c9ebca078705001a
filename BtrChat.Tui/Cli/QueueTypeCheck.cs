namespace BtrChat.Cli;

/// <summary>
/// The doctor's check that a queue's type matches its name: btrchat sends FIFO-style (group and deduplication
/// ids) exactly when the name ends in .fifo. SQS itself forbids a mismatch, so this guards against endpoints
/// that do not (and against reading the wrong queue's attributes).
/// </summary>
public static class QueueTypeCheck
{
    public static DoctorCheck Check(string name, IReadOnlyDictionary<string, string> attributes)
    {
        var what = $"queue {name} type";
        var namedFifo = name.EndsWith(".fifo", StringComparison.Ordinal);
        // SQS reports FifoQueue only for FIFO queues, so its absence means a standard queue.
        var isFifo = attributes.TryGetValue("FifoQueue", out var fifo) && string.Equals(fifo, "true", StringComparison.OrdinalIgnoreCase);
        return (namedFifo, isFifo) switch
        {
            (true, true) => DoctorCheck.Ok($"{what} (FIFO, as its name says)"),
            (false, false) => DoctorCheck.Ok($"{what} (standard, as its name says)"),
            (true, false) => DoctorCheck.Fail(what, "the name ends in .fifo but the queue is standard", "recreate it as a FIFO queue (btrchat setup)"),
            _ => DoctorCheck.Fail(what, "the queue is FIFO but its name lacks .fifo", "name the queue with its .fifo suffix"),
        };
    }
}

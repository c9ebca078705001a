using BtrChat.Cli;

namespace BtrChat.Tests.Cli;

/// <summary>
/// The type mismatches the doctor reports. Neither SQS nor the emulator lets one be created (a .fifo name
/// needs FifoQueue=true and the reverse), so these feed the attributes an endpoint would return directly.
/// </summary>
public sealed class DoctorQueueTypeTests
{
    [Fact]
    public void Check_FifoNameOnAStandardQueue_Fails()
    {
        var check = QueueTypeCheck.Check("chat.fifo", new Dictionary<string, string> { ["VisibilityTimeout"] = "30" });

        Assert.Equal("FAIL queue chat.fifo type: the name ends in .fifo but the queue is standard. Fix: recreate it as a FIFO queue (btrchat setup)", check.ToString());
    }

    [Fact]
    public void Check_FifoQueueFalseUnderAFifoName_Fails()
    {
        var check = QueueTypeCheck.Check("chat.fifo", new Dictionary<string, string> { ["FifoQueue"] = "false" });

        Assert.Equal(DoctorOutcome.Fail, check.Outcome);
    }

    [Fact]
    public void Check_FifoQueueWithoutTheSuffix_Fails()
    {
        var check = QueueTypeCheck.Check("chat", new Dictionary<string, string> { ["FifoQueue"] = "true" });

        Assert.Equal("FAIL queue chat type: the queue is FIFO but its name lacks .fifo. Fix: name the queue with its .fifo suffix", check.ToString());
    }

    [Fact]
    public void Check_FifoQueueUnderAFifoName_Passes()
    {
        var check = QueueTypeCheck.Check("chat.fifo", new Dictionary<string, string> { ["FifoQueue"] = "true" });

        Assert.Equal("ok   queue chat.fifo type (FIFO, as its name says)", check.ToString());
    }
}

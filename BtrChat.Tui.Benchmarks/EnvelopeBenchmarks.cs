using BenchmarkDotNet.Attributes;
using BtrChat.Protocol;

namespace BtrChat.Benchmarks;

/// <summary>
/// The envelope inside every sealed message: building a data envelope from chat text and writing its padded frame
/// (the sender), and checking a frame and reading the text back out (the receiver). Fernet is measured apart.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(BenchJob.LaunchCount, BenchJob.WarmupCount, BenchJob.IterationCount)]
public class EnvelopeBenchmarks
{
    private readonly SessionId _sender = SessionId.NewRandom();
    private readonly SessionId _recipient = SessionId.NewRandom();
    private readonly Guid _messageId = Guid.NewGuid();
    private string _text = string.Empty;
    private byte[] _frame = [];

    /// <summary>Text length in characters (ASCII): a typical chat line, and a long paste.</summary>
    [Params(100, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = new string('x', Size);
        _frame = Encode();
        if (!EnvelopeCodec.TryDecode(_frame, out var envelope, out var failure) || envelope.Text != _text)
        {
            throw new InvalidOperationException($"The setup frame does not decode: {failure}.");
        }
    }

    [Benchmark]
    public byte[] Encode() => EnvelopeCodec.Encode(Envelope.Data(PeerRole.A, _sender, _recipient, 42, _messageId, _text));

    [Benchmark]
    public string DecodeAndReadText() =>
        EnvelopeCodec.TryDecode(_frame, out var envelope, out var failure) ? envelope.Text : throw new InvalidOperationException(failure.ToString());
}

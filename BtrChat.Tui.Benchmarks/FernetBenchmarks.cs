using BenchmarkDotNet.Attributes;
using BtrChat.Crypto;

namespace BtrChat.Benchmarks;

/// <summary>
/// Fernet as the legacy channel uses it: one chat message sealed or opened per call, the clock read each time.
/// scripts/fernet_python_bench.py times the same operations in Python's <c>cryptography</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(BenchJob.LaunchCount, BenchJob.WarmupCount, BenchJob.IterationCount)]
public class FernetBenchmarks
{
    private FernetKey _key = null!;
    private byte[] _plaintext = [];
    private string _token = string.Empty;

    /// <summary>Message length in bytes: a typical chat line, and a long paste.</summary>
    [Params(100, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = FernetKey.Generate();
        _plaintext = new byte[Size];
        new Random(42).NextBytes(_plaintext);
        _token = Fernet.Encrypt(_key, _plaintext, DateTimeOffset.UtcNow);
        FernetResult check = Fernet.Decrypt(_key, _token, DateTimeOffset.UtcNow);
        if (!check.IsValid || !check.Plaintext.AsSpan().SequenceEqual(_plaintext))
        {
            throw new InvalidOperationException($"The setup token does not decrypt: {check.Failure}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public string Encrypt() => Fernet.Encrypt(_key, _plaintext, DateTimeOffset.UtcNow);

    [Benchmark]
    public FernetResult Decrypt() => Fernet.Decrypt(_key, _token, DateTimeOffset.UtcNow);

    /// <summary>One message's full trip through the crypto: what the sender and the receiver pay between them.</summary>
    [Benchmark]
    public int EncryptThenDecrypt()
    {
        string token = Fernet.Encrypt(_key, _plaintext, DateTimeOffset.UtcNow);
        FernetResult result = Fernet.Decrypt(_key, token, DateTimeOffset.UtcNow);
        return result.IsValid ? result.Plaintext.Length : throw new InvalidOperationException(result.Failure.ToString());
    }
}

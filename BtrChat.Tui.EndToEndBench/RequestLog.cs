using System.Diagnostics;
using System.Text;

namespace BtrChat.EndToEndBench;

/// <summary>
/// Counts SQS requests from the emulator's own log (fauxqs with FAUXQS_LOGGER=true writes one JSON line with
/// "incoming request" per request it receives, from any client). Reads only what was appended since the last
/// look, and counts complete lines only.
/// </summary>
public sealed class RequestLog(string path) : IDisposable
{
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes("\"incoming request\"");

    private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    private readonly List<byte> _partial = [];
    private readonly byte[] _buffer = new byte[64 * 1024];
    private long _count;

    /// <summary>Requests the emulator has logged so far.</summary>
    public long Count()
    {
        int read;
        while ((read = _file.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (_buffer[i] != (byte)'\n')
                {
                    continue;
                }

                if (_partial.Count > 0)
                {
                    _partial.AddRange(_buffer.AsSpan(start, i - start));
                    _count += _partial.ToArray().AsSpan().IndexOf(Marker) >= 0 ? 1 : 0;
                    _partial.Clear();
                }
                else
                {
                    _count += _buffer.AsSpan(start, i - start).IndexOf(Marker) >= 0 ? 1 : 0;
                }

                start = i + 1;
            }

            _partial.AddRange(_buffer.AsSpan(start, read - start));
        }

        return _count;
    }

    /// <summary>
    /// Waits until no request has been logged for <paramref name="quiet"/> (parked long polls log nothing until
    /// they are answered), so that a count taken afterwards includes the deletes that trail the last delivery.
    /// </summary>
    public async Task<long> WaitQuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var last = Count();
        var lastChange = clock.Elapsed;
        while (clock.Elapsed < limit)
        {
            await Task.Delay(50);
            var now = Count();
            if (now != last)
            {
                last = now;
                lastChange = clock.Elapsed;
            }
            else if (clock.Elapsed - lastChange >= quiet)
            {
                return now;
            }
        }

        throw new TimeoutException($"the emulator kept receiving requests for {limit.TotalSeconds:0} s; nothing else may use it during the benchmark");
    }

    public void Dispose() => _file.Dispose();
}

namespace BtrChat.Ui;

/// <summary>
/// Lines submitted before, recalled like a shell's history: <see cref="Previous"/> walks back, <see cref="Next"/>
/// forward, and the draft being typed when the walk began comes back at the bottom. Bounded, oldest dropped first.
/// </summary>
public sealed class InputHistory(int capacity = InputHistory.DefaultCapacity)
{
    public const int DefaultCapacity = 500;

    private readonly List<string> _entries = [];

    /// <summary>Index of the entry shown; <c>_entries.Count</c> means the draft (not walking).</summary>
    private int _position;
    private string _draft = string.Empty;

    public int Count => _entries.Count;

    /// <summary>Records a submitted line and ends any walk. Blank lines and a repeat of the newest entry are not kept.</summary>
    public void Add(string line)
    {
        if (!string.IsNullOrWhiteSpace(line) && (_entries.Count == 0 || _entries[^1] != line))
        {
            _entries.Add(line);
            if (_entries.Count > capacity)
            {
                _entries.RemoveAt(0);
            }
        }

        _position = _entries.Count;
        _draft = string.Empty;
    }

    /// <summary>The entry before the one shown, or null at the oldest; <paramref name="shown"/> is kept as the draft when the walk begins.</summary>
    public string? Previous(string shown)
    {
        if (_position == 0)
        {
            return null;
        }

        if (_position == _entries.Count)
        {
            _draft = shown;
        }

        _position--;
        return _entries[_position];
    }

    /// <summary>The entry after the one shown, the draft after the newest, or null when not walking.</summary>
    public string? Next()
    {
        if (_position >= _entries.Count)
        {
            return null;
        }

        _position++;
        return _position == _entries.Count ? _draft : _entries[_position];
    }
}

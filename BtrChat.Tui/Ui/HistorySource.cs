using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The history's rows. Terminal.Gui's stock list source rescans every row on each change (O(n) per append);
/// this one appends in O(1) and keeps the widest row incrementally, so line 10,000 costs what line 10 did.
/// </summary>
public sealed class HistorySource : IListDataSource
{
    private readonly List<string> _rows = [];

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    public int Count => _rows.Count;

    public int MaxItemLength { get; private set; }

    public bool SuspendCollectionChangedEvent { get; set; }

    public IReadOnlyList<string> Rows => _rows;

    public void Add(string row)
    {
        _rows.Add(row);
        MaxItemLength = Math.Max(MaxItemLength, row.GetColumns());
        if (!SuspendCollectionChangedEvent)
        {
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Add, row, _rows.Count - 1));
        }
    }

    /// <summary>Rewrites one row in place (an own message's state mark); the row count and widths stay.</summary>
    public void Replace(int index, string row)
    {
        _rows[index] = row;
        MaxItemLength = Math.Max(MaxItemLength, row.GetColumns());
        if (!SuspendCollectionChangedEvent)
        {
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Replace, row, row, index));
        }
    }

    /// <summary>Removes rows (the oldest, beyond the scrollback); one move of the rest, however many go.</summary>
    public void RemoveRange(int index, int count)
    {
        _rows.RemoveRange(index, count);
        Reset();
    }

    /// <summary>Replaces every row (a new layout after a resize or a view toggle); the widest row is measured anew.</summary>
    public void ReplaceAll(IEnumerable<string> rows)
    {
        _rows.Clear();
        _rows.AddRange(rows);
        MaxItemLength = _rows.Count == 0 ? 0 : _rows.Max(r => r.GetColumns());
        Reset();
    }

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX = 0)
    {
        listView.Move(Math.Max(col - viewportX, 0), row);
        var text = _rows[item];
        var visible = viewportX < text.Length ? TextFormatter.ClipAndJustify(text[viewportX..], width, Alignment.Start) : string.Empty;
        listView.AddStr(visible);
        for (var pad = width - visible.GetColumns(); pad > 0; pad--)
        {
            listView.AddRune(' ');
        }
    }

    public bool IsMarked(int item) => false;

    private void Reset()
    {
        if (!SuspendCollectionChangedEvent)
        {
            CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
        }
    }

    public void SetMark(int item, bool value)
    {
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool allowsMultiple) => false;

    public IList ToList() => _rows;

    public void Dispose()
    {
    }
}

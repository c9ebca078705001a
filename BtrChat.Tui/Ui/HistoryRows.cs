using System.Text;
using BtrChat.Chat;
using Terminal.Gui.Text;

namespace BtrChat.Ui;

/// <summary>
/// Lays one history entry out as rows of at most a given width: the head ("12:34 &lt;peer&gt; ") on the first
/// row, a hanging indent under it (or as wide as asked) for the rest, breaking at spaces where possible. Peer text is made
/// terminal-safe before it is measured, so what is measured is what is drawn.
/// </summary>
public static class HistoryRows
{
    /// <summary>Rows never get narrower than this, so a tiny window still shows something per row.</summary>
    private const int MinimumTextColumns = 10;

    public static IEnumerable<string> Layout(string head, string text, int width, int? indentColumns = null)
    {
        var indent = new string(' ', indentColumns ?? head.GetColumns());
        var first = true;
        foreach (var line in text.Split('\n'))
        {
            var firstColumns = Math.Max(MinimumTextColumns, width - (first ? head.GetColumns() : indent.Length));
            foreach (var piece in Wrap(TerminalSafeText.Make(line.TrimEnd('\r')), firstColumns, Math.Max(MinimumTextColumns, width - indent.Length)))
            {
                yield return (first ? head : indent) + piece;
                first = false;
            }
        }
    }

    /// <summary>Pieces of <paramref name="line"/>: the first at most <paramref name="columns"/> wide, the rest at most <paramref name="restColumns"/>.</summary>
    private static IEnumerable<string> Wrap(string line, int columns, int restColumns)
    {
        if (line.GetColumns() <= columns)
        {
            yield return line;
            yield break;
        }

        var row = new StringBuilder();
        var rowColumns = 0;
        var lastSpace = -1;
        foreach (var rune in line.EnumerateRunes())
        {
            var width = Math.Max(0, rune.GetColumns());
            if (rowColumns + width > columns && row.Length > 0)
            {
                // Break after the last space when it leaves a reasonably full row, else mid-word.
                if (lastSpace > row.Length / 2)
                {
                    var carry = row.ToString(lastSpace + 1, row.Length - lastSpace - 1);
                    yield return row.ToString(0, lastSpace);
                    columns = restColumns;
                    row.Clear().Append(carry);
                    rowColumns = carry.GetColumns();
                }
                else
                {
                    yield return row.ToString();
                    columns = restColumns;
                    row.Clear();
                    rowColumns = 0;
                }

                lastSpace = -1;
            }

            if (rune.Value == ' ')
            {
                lastSpace = row.Length;
            }

            row.Append(rune.ToString());
            rowColumns += width;
        }

        yield return row.ToString();
    }
}

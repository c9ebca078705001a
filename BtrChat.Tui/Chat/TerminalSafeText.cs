using System.Text;

namespace BtrChat.Chat;

/// <summary>
/// Text from the peer is shown, never executed: control characters (ESC included) become visible caret
/// notation such as ^[, so a message cannot move the cursor, retitle the terminal or reach the clipboard.
/// </summary>
public static class TerminalSafeText
{
    public static string Make(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
            {
                safe.Append(c);
            }
            else if (c < 0x20)
            {
                safe.Append('^').Append((char)(c + 0x40));
            }
            else if (c == 0x7f)
            {
                safe.Append("^?");
            }
            else
            {
                safe.Append($"\\u{(int)c:x4}");
            }
        }

        return safe.ToString();
    }

    /// <summary>C0 and C1 controls, DEL, and the bidirectional overrides that can make text read differently than it is.</summary>
    private static bool IsUnsafe(char c) =>
        c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c is '\u202a' or '\u202b' or '\u202c' or '\u202d' or '\u202e' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200e' or '\u200f' or '\u061c';
}

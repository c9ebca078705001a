using System.Globalization;
using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>What to do with a paste of several lines.</summary>
public enum PasteChoice
{
    /// <summary>Drop the paste (also Esc).</summary>
    Cancel,

    /// <summary>Put it into the input at the cursor, to edit before sending.</summary>
    Edit,

    /// <summary>Send the pasted lines now, as one message; the draft in the input stays.</summary>
    Send,
}

/// <summary>
/// Asks before a paste of several lines goes anywhere, so a wrong clipboard is not sent by accident and a right one
/// goes out as one message rather than one per line.
/// </summary>
public static class PasteQuestion
{
    public static PasteChoice Ask(IApplication app, int lines, int bytes)
    {
        var question = string.Create(
            CultureInfo.InvariantCulture,
            $"You pasted {lines} lines ({bytes:N0} bytes).\nSend them as one message?");

        // The last button is the default, so Enter sends.
        return MessageBox.Query(app, "Paste", question, "_Cancel", "_Edit first", "_Send as one message") switch
        {
            1 => PasteChoice.Edit,
            2 => PasteChoice.Send,
            _ => PasteChoice.Cancel,
        };
    }
}

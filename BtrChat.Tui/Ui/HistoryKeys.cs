using Terminal.Gui.Input;

namespace BtrChat.Ui;

/// <summary>
/// The keys that scroll the history while the input line has focus. PgUp/PgDn page, and Alt-Up/Alt-Down do the
/// same on keyboards without them; Ctrl-Home/Ctrl-End go to the top and the bottom, and so do Home/End while
/// the input line is empty (with text in it they move its cursor).
/// </summary>
public static class HistoryKeys
{
    /// <summary>Scrolls <paramref name="pane"/> when <paramref name="key"/> is a history key; false leaves the key to the input line.</summary>
    public static bool TryScroll(HistoryPane pane, Key key, bool inputEmpty)
    {
        if (key == Key.PageUp || key == Key.CursorUp.WithAlt)
        {
            pane.ScrollPages(-1);
        }
        else if (key == Key.PageDown || key == Key.CursorDown.WithAlt)
        {
            pane.ScrollPages(1);
        }
        else if (key == Key.Home.WithCtrl || (inputEmpty && key == Key.Home))
        {
            pane.ScrollToTop();
        }
        else if (key == Key.End.WithCtrl || (inputEmpty && key == Key.End))
        {
            pane.ScrollToBottom();
        }
        else
        {
            return false;
        }

        return true;
    }
}

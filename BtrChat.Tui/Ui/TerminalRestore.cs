namespace BtrChat.Ui;

/// <summary>
/// Terminal.Gui restores the terminal when it is disposed. A crash on a background thread skips that,
/// leaving the alternate screen and mouse reporting on; this writes the same resets directly.
/// </summary>
public static class TerminalRestore
{
    // Bracketed paste off, mouse reporting off, main screen, cursor visible, normal cursor keys and keypad, the saved title back.
    private const string Reset = "\e[?2004l\e[?1003l\e[?1015l\e[?1006l\e[?1000l\e[?1002l\e[?1049l\e[?25h\e[?1l\e>\e[23;0t";

    public static void Now()
    {
        try
        {
            Console.Out.Write(Reset);
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // The terminal is gone (ssh dropped): nothing left to restore.
        }
    }
}

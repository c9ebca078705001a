using BtrChat.Chat;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The input line. Enter turns the line into a <see cref="ChatCommand"/> (text to send, or a typed /command);
/// Ctrl-D deletes forward while there is text and quits only on an empty line, as in a shell.
/// </summary>
public sealed class ComposeLine : TextField
{
    public ComposeLine()
    {
        Accepting += (_, e) =>
        {
            e.Handled = true;
            var line = Text;
            Text = string.Empty;
            if (ChatCommand.FromTypedLine(line) is { } command)
            {
                CommandIssued?.Invoke(command);
            }
        };

        KeyDown += (_, key) =>
        {
            if (key == Key.D.WithCtrl && Text.Length == 0)
            {
                key.Handled = true;
                CommandIssued?.Invoke(new ChatCommand.Quit());
            }
        };
    }

    public event Action<ChatCommand>? CommandIssued;
}

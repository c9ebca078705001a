using BtrChat.Protocol;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>A modal PIN prompt with hidden input. It asks again, with the reason, until the PIN is usable or the user cancels.</summary>
public static class PinDialog
{
    /// <param name="validate">Null for a usable PIN, else one line saying what is wrong.</param>
    /// <returns>The PIN, or null when the user cancelled (Esc, Cancel, or Ctrl-D on an empty field).</returns>
    public static Pin? Ask(IApplication app, string prompt, Func<Pin, string?> validate)
    {
        string? problem = null;
        while (true)
        {
            var pin = AskOnce(app, prompt, problem);
            if (pin is null)
            {
                return null;
            }

            problem = validate(pin);
            if (problem is null)
            {
                return pin;
            }
        }
    }

    private static Pin? AskOnce(IApplication app, string prompt, string? problem)
    {
        var field = new TextField { Secret = true, X = 6, Y = 1, Width = 20 };
        using var dialog = new Dialog { Title = "Enter PIN" };
        dialog.Add(new Label { Text = prompt, X = 1, Y = 0 }, new Label { Text = "PIN:", X = 1, Y = 1 }, field);
        if (problem is not null)
        {
            dialog.Add(new Label { Text = problem, X = 1, Y = 3 });
        }

        dialog.AddButton(new Button { Text = "_Cancel" });
        dialog.AddButton(new Button { Text = "_OK", IsDefault = true });
        var cancelledByCtrlD = false;
        field.KeyDown += (_, key) =>
        {
            if (key == Key.D.WithCtrl && field.Text.Length == 0)
            {
                key.Handled = true;
                cancelledByCtrlD = true;
                app.RequestStop(dialog);
            }
        };
        field.SetFocus();
        app.Run(dialog);
        return !cancelledByCtrlD && dialog.Result == 1 ? new Pin(field.Text) : null;
    }
}

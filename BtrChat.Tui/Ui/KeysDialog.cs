using System.Collections.ObjectModel;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>Help > Keys and commands (F1): the same lines /help writes to the history, in a dialog that scrolls at 80x24.</summary>
public static class KeysDialog
{
    public static void Show(IApplication app)
    {
        using var dialog = new Dialog { Title = "Keys and commands", Width = Dim.Fill(2), Height = Dim.Fill(1) };
        var text = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        text.SetSource(new ObservableCollection<string>(KeyHelp.Lines()));
        dialog.Add(text);
        dialog.AddButton(new Button { Text = "_OK", IsDefault = true });
        text.SetFocus();
        app.Run(dialog);
    }
}

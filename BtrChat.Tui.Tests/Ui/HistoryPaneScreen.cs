using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;

namespace BtrChat.Tests.Ui;

/// <summary>A legacy-mode <see cref="ChatWindow"/> on a headless app of any size, with the whole screen readable.</summary>
internal sealed class HistoryPaneScreen : IDisposable
{
    private readonly RunningWindow _ui;

    public HistoryPaneScreen(int columns = HeadlessApp.Columns, int rows = HeadlessApp.Rows, SecurityMode mode = SecurityMode.Legacy)
    {
        _ui = new RunningWindow(new ChatWindow(mode, new QueueNames("alice-tx", "bob-rx")));
        Resize(columns, rows);
    }

    public RunningWindow Ui => _ui;

    public ChatWindow Window => _ui.Window;

    public HistoryPane Pane => _ui.Window.HistoryPane;

    public HeadlessApp Headless => _ui.Headless;

    public int Columns { get; private set; }

    public int Rows { get; private set; }

    /// <summary>A terminal resize, as the driver reports one.</summary>
    public void Resize(int columns, int rows)
    {
        Columns = columns;
        Rows = rows;
        _ui.App.Driver!.SetScreenSize(columns, rows);
        Screen();
    }

    public string[] Screen()
    {
        _ui.App.LayoutAndDraw();
        return [.. _ui.App.Driver!.ToString()!.ReplaceLineEndings("\n").Split('\n').Take(Rows)];
    }

    public string ScreenText() => string.Join('\n', Screen());

    /// <summary>The pane's inside as shown: the rows between its top and bottom border, without the side borders.</summary>
    public string[] PaneRows()
    {
        var screen = Screen();
        var top = Array.FindIndex(screen, r => r.TrimStart().StartsWith('┌'));
        var bottom = Array.FindIndex(screen, top + 1, r => r.TrimStart().StartsWith('└'));
        return [.. screen[(top + 1)..bottom].Select(r => r.Trim().Trim('│').TrimEnd())];
    }

    public void Dispose() => _ui.Dispose();
}

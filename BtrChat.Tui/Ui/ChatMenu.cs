using BtrChat.Chat;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The menu bar: every item is a <see cref="ChatCommand"/>, with the typed command or key that does the same beside it.
/// F10 (Terminal.Gui's key) and F9 open it, Alt and a menu's underlined letter open that menu, Esc closes it.
/// </summary>
public static class ChatMenu
{
    public static MenuBar Create(Action<ChatCommand> issue) => AlsoOnF9(new(
    [
        new MenuBarItem("_Chat",
        [
            new MenuItem("_Swap queues", "/swap", () => issue(new ChatCommand.SwapQueues()), null),
            new MenuItem("Re-enter _PIN", "/pin", () => issue(new ChatCommand.ReenterPin()), null),
            new MenuItem("Session _info", "/info", () => issue(new ChatCommand.SessionInfo()), null),
            new MenuItem("_Retry failed", "/retry", () => issue(new ChatCommand.RetryFailed()), Key.R.WithCtrl),
            new MenuItem("_Check queues", "/check", () => issue(new ChatCommand.CheckQueues()), null),
            new MenuItem("_Quit", "/quit", () => issue(new ChatCommand.Quit()), Key.Q.WithCtrl),
        ]),
        new MenuBarItem("_View",
        [
            new MenuItem("_Timestamps on/off", string.Empty, () => issue(new ChatCommand.ToggleTimestamps()), Key.F2),
            new MenuItem("_Compact on/off", string.Empty, () => issue(new ChatCommand.ToggleCompact()), Key.F3),
        ]),
        new MenuBarItem("_Help",
        [
            new MenuItem("_Keys and commands", "/help", () => issue(new ChatCommand.ShowKeys()), Key.F1),
            new MenuItem("_About", "/about", () => issue(new ChatCommand.ShowAbout()), null),
        ]),
    ]));

    /// <summary>Many terminal programs (mc, htop) open their menu on F9, and some terminals take F10 for themselves.</summary>
    private static MenuBar AlsoOnF9(MenuBar bar)
    {
        bar.HotKeyBindings.Add(Key.F9, Command.HotKey);
        bar.KeyBindings.Add(Key.F9, Command.Quit);
        return bar;
    }
}

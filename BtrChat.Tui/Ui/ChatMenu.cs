using BtrChat.Chat;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>The menu bar: every item is a <see cref="ChatCommand"/>, with the typed command or key that does the same beside it.</summary>
public static class ChatMenu
{
    public static MenuBar Create(Action<ChatCommand> issue) => new(
    [
        new MenuBarItem("_Chat",
        [
            new MenuItem("_Swap queues", "/swap", () => issue(new ChatCommand.SwapQueues()), null),
            new MenuItem("Re-enter _PIN", "/pin", () => issue(new ChatCommand.ReenterPin()), null),
            new MenuItem("Session _info", "/info", () => issue(new ChatCommand.SessionInfo()), null),
            new MenuItem("_Retry failed", "/retry", () => issue(new ChatCommand.RetryFailed()), Key.R.WithCtrl),
            new MenuItem("_Help", "/help", () => issue(new ChatCommand.ShowHelp()), null),
            new MenuItem("_Quit", "Ctrl-D", () => issue(new ChatCommand.Quit()), Key.Q.WithCtrl),
        ]),
    ]);
}

using BtrChat.Chat;

namespace BtrChat.Ui;

/// <summary>
/// The keys and typed commands as help lines: the one source for /help in the history and the Keys dialog (F1),
/// so the two never disagree. The typed commands come from <see cref="ChatCommand.TypedCommands"/>, which the parser is tested against.
/// </summary>
public static class KeyHelp
{
    public static readonly IReadOnlyList<(string Keys, string Action)> Keys =
    [
        ("Enter", "send the message"),
        ("Alt-Enter", "a new line in the message (also Ctrl-J)"),
        ("Up, Down", "recall what you sent before (also Ctrl-P, Ctrl-N)"),
        ("Ctrl-D", "delete forward; on an empty line, quit"),
        ("Ctrl-Q", "quit"),
        ("Ctrl-R", "send the failed messages again"),
        ("PgUp, PgDn", "scroll the history (also Alt-Up, Alt-Down)"),
        ("Ctrl-End", "back to the newest message (Ctrl-Home: oldest)"),
        ("Home, End", "the same while the input line is empty"),
        ("F2, F3", "timestamps on/off, compact history on/off"),
        ("F9, F10", "open the menu bar; arrows and Enter pick"),
        ("Alt-C/V/H", "open the Chat, View or Help menu"),
        ("F1", "this list of keys and commands"),
        ("Esc", "close a menu or dialog (never quits)"),
    ];

    /// <summary>Wide enough for the longest key or command name, so the descriptions line up.</summary>
    private static readonly int NameWidth = Keys.Select(k => k.Keys.Length).Concat(ChatCommand.TypedCommands.Select(c => c.Name.Length)).Max();

    public static IEnumerable<string> Lines()
    {
        yield return "Keys:";
        foreach (var (keys, action) in Keys)
        {
            yield return Row(keys, action);
        }

        yield return "Typed commands:";
        foreach (var (name, help) in ChatCommand.TypedCommands)
        {
            yield return Row(name, help);
        }
    }

    private static string Row(string name, string text) => $"  {name.PadRight(NameWidth)}  {text}";
}

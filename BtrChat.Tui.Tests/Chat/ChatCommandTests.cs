using BtrChat.Chat;

namespace BtrChat.Tests.Chat;

public sealed class ChatCommandTests
{
    private static readonly Dictionary<string, ChatCommand> Parsed = new()
    {
        ["hello"] = new ChatCommand.Send("hello"),
        ["  spaced  "] = new ChatCommand.Send("  spaced  "),
        ["héllo ✓ 你好"] = new ChatCommand.Send("héllo ✓ 你好"),
        ["//x"] = new ChatCommand.Send("/x"),
        ["//"] = new ChatCommand.Send("/"),
        ["///x"] = new ChatCommand.Send("//x"),
        ["a /swap"] = new ChatCommand.Send("a /swap"),
        ["/swap"] = new ChatCommand.SwapQueues(),
        ["/SWAP"] = new ChatCommand.SwapQueues(),
        ["/swap "] = new ChatCommand.SwapQueues(),
        ["/quit"] = new ChatCommand.Quit(),
        ["/quit now"] = new ChatCommand.Quit(),
        ["/Exit"] = new ChatCommand.Quit(),
        ["/help"] = new ChatCommand.ShowHelp(),
        ["/pin"] = new ChatCommand.ReenterPin(),
        ["/check"] = new ChatCommand.CheckQueues(),
        ["/CHECK now"] = new ChatCommand.CheckQueues(),
        ["/debug"] = new ChatCommand.DebugLog(On: true),
        ["/nodebug"] = new ChatCommand.DebugLog(On: false),
        ["/about"] = new ChatCommand.ShowAbout(),
        ["//check"] = new ChatCommand.Send("/check"),
        ["/bogus"] = new ChatCommand.Unknown("/bogus"),
        ["/BoGuS with words"] = new ChatCommand.Unknown("/bogus"),
        ["/"] = new ChatCommand.Unknown("/"),
        ["/swapped"] = new ChatCommand.Unknown("/swapped"),
    };

    public static TheoryData<string> Lines => [.. Parsed.Keys];

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t \t")]
    public void FromTypedLine_Blank_IsNull(string line)
    {
        Assert.Null(ChatCommand.FromTypedLine(line));
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void FromTypedLine_Line_IsItsCommand(string line)
    {
        Assert.Equal(Parsed[line], ChatCommand.FromTypedLine(line));
    }

    [Fact]
    public void TypedCommands_EveryNameTheHelpShows_ParsesToAKnownCommand()
    {
        var names = ChatCommand.TypedCommands
            .SelectMany(command => command.Name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();

        Assert.Contains("/swap", names);
        Assert.Contains("/quit", names);
        Assert.Contains("/exit", names);
        Assert.Contains("/check", names);
        Assert.Contains("/debug", names);
        Assert.Contains("/nodebug", names);
        Assert.Contains("/about", names);
        Assert.All(names, name => Assert.IsNotType<ChatCommand.Unknown>(ChatCommand.FromTypedLine(name)));
    }
}

using BtrChat.Chat;
using BtrChat.Ui;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Tests.Ui;

/// <summary>
/// The input with keys as terminals send them (raw bytes through the ANSI driver's parser, with virtual time for its
/// lone-Esc wait), in a window laid out the way ChatWindow should lay it out so that it can grow.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ComposeLineTerminalTests : IDisposable
{
    private readonly VirtualTimeProvider _time = new();
    private readonly IApplication _app;
    private readonly Runnable _window = new() { Width = Dim.Fill(), Height = Dim.Fill() };
    private readonly SessionToken _session;
    private readonly List<ChatCommand> _commands = [];

    public ComposeLineTerminalTests()
    {
        _app = Application.Create(_time);
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(80, 24);

        // The layout proposed for ChatWindow: the input sits above the status bar and grows upwards, and the history
        // gives up the rows (keeping the blank row between them).
        var history = new ListView { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(3), Title = "History", BorderStyle = LineStyle.Single };
        Input = new ComposeLine { X = 2, Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        var prompt = new Label { Text = ">", X = 0, Y = Pos.Top(Input) };
        Input.RowsChanged += rows =>
        {
            Input.Y = Pos.AnchorEnd(rows + 1);
            history.Height = Dim.Fill(rows + 2);
        };
        var status = new Label { Text = "status bar", X = 0, Y = Pos.AnchorEnd(1) };
        Input.CommandIssued += _commands.Add;
        _window.Add(history, prompt, Input, status);
        _session = _app.Begin(_window) ?? throw new InvalidOperationException("Begin returned no session.");
        Input.SetFocus();
    }

    private ComposeLine Input { get; }

    public void Dispose()
    {
        _app.End(_session);
        _window.Dispose();
        _app.Dispose();
    }

    [Theory]
    [InlineData("\e\r")]
    [InlineData("\e\n")]
    [InlineData("\e[13;3u")]
    [InlineData("\n")]
    public void AltEnter_AsTerminalsSendIt_StartsANewLine_AndCrSends(string newLine)
    {
        TypeRaw("one" + newLine);
        TypeRaw("two");
        Assert.Empty(_commands);
        Assert.Equal("one\ntwo", Input.Text);

        TypeRaw("\r");

        Assert.Equal(new ChatCommand.Send("one\ntwo"), Assert.Single(_commands));
    }

    [Fact]
    public void AltEnter_ThroughTheInjectorsPipeline_StartsANewLine()
    {
        var pipeline = new InputInjectionOptions { Mode = InputInjectionMode.Pipeline };
        TypeRaw("a");
        _app.GetInputInjector().InjectKey(Key.Enter.WithAlt, pipeline);
        TypeRaw(string.Empty);
        TypeRaw("b");

        Assert.Equal("a\nb", Input.Text);
    }

    [Fact]
    public void AGrownInput_PushesTheHistoryUp_AndKeepsTheStatusBarOnTheLastRow()
    {
        foreach (var keys in new[] { "first", "\e\r", "second", "\e\r", "third" })
        {
            TypeRaw(keys);
        }

        var screen = Screen();
        Assert.Equal(3, Input.Rows);
        Assert.StartsWith("> first", screen[20], StringComparison.Ordinal);
        Assert.StartsWith("  second", screen[21], StringComparison.Ordinal);
        Assert.StartsWith("  third", screen[22], StringComparison.Ordinal);
        Assert.StartsWith("status bar", screen[23], StringComparison.Ordinal);
        Assert.StartsWith("└", screen[18], StringComparison.Ordinal);

        TypeRaw("\r");

        screen = Screen();
        Assert.Equal(1, Input.Rows);
        Assert.Equal(">", screen[22].TrimEnd());
        Assert.StartsWith("└", screen[20], StringComparison.Ordinal);
    }

    [Fact]
    public void ALongLine_WrapsAndGrowsTheInput()
    {
        TypeRaw(string.Join(' ', Enumerable.Repeat("word", 40)));
        Screen();

        Assert.True(Input.Rows >= 2, $"a 199-character line in 78 columns took {Input.Rows} row(s)");
        Assert.DoesNotContain('\n', Input.Text);
    }

    private string[] Screen()
    {
        _app.LayoutAndDraw();
        return [.. _app.Driver!.ToString()!.ReplaceLineEndings("\n").Split('\n').Take(24)];
    }

    /// <summary>Raw terminal bytes through the driver's input queue and parser; time moves on past the parser's lone-Esc wait.</summary>
    private void TypeRaw(string raw)
    {
        var input = (InputProcessorImpl<char>)_app.Driver!.GetInputProcessor();
        foreach (var c in raw)
        {
            input.InputQueue.Enqueue(c);
        }

        input.ProcessQueue();
        _time.Advance(TimeSpan.FromMilliseconds(100));
        input.ProcessQueue();
    }
}

using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using BtrChat.Ui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

/// <summary>
/// Pastes as a terminal in bracketed-paste mode sends them: the raw bytes ESC[200~ … ESC[201~ go into the ANSI
/// driver's input queue and through its parser, the same path as keys from a real terminal.
/// </summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class ComposeLinePasteTests : IDisposable
{
    private const string PasteStart = "\e[200~";
    private const string PasteEnd = "\e[201~";

    private readonly RunningWindow _ui = new(new ChatWindow(SecurityMode.Pin, new QueueNames("alice-tx", "bob-rx")));
    private readonly List<string> _notices = [];

    public ComposeLinePasteTests() => Input.Notice += _notices.Add;

    private HeadlessApp Headless => _ui.Headless;

    private ComposeLine Input => _ui.Window.Input;

    public void Dispose() => _ui.Dispose();

    [Fact]
    public void TheDriver_TurnsABracketedPasteIntoOnePasteEvent_NotKeys()
    {
        var pastes = new List<string>();
        var keysBeforeThePaste = -1;
        var keys = 0;
        _ui.App.Keyboard.KeyDown += (_, _) => keys++;
        _ui.App.Paste += (_, e) =>
        {
            pastes.Add(e.Text);
            keysBeforeThePaste = keys;
        };

        var (timedOut, _) = Headless.DriveModal(() => TypeRaw(PasteStart + "one\rtwo" + PasteEnd), [Key.Esc]);

        Assert.False(timedOut, "the paste of two lines did not ask, or Esc did not close the question");
        Assert.Equal("one\rtwo", Assert.Single(pastes));
        Assert.Equal(0, keysBeforeThePaste);
        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void APasteOfOneLine_GoesIntoTheInputAtTheCursor_WithoutSending()
    {
        Headless.Type("see ");

        TypeRaw(PasteStart + "https://example.org/x\r" + PasteEnd);

        Assert.Equal("see https://example.org/x", Input.Text);
        Assert.Empty(_ui.Commands);
    }

    [Fact]
    public void APaste_WithControlCharacters_TriggersNoShortcut()
    {
        // Ctrl-D, Ctrl-Q, Ctrl-R and Esc inside a paste are data, never quit or retry.
        TypeRaw(PasteStart + "a\u0004b\u0011c\u0012d\u001be" + PasteEnd);

        Assert.Empty(_ui.Commands);
        Assert.False(_ui.Window.StopRequested);
        Assert.Equal("abcde", Input.Text);
    }

    [Fact]
    public void APasteOfSeveralLines_AsksFirst_AndSendAsOneMessage_SendsThemTogether_KeepingTheDraft()
    {
        Headless.Type("my draft");

        var (timedOut, screens) = Headless.DriveModal(() => TypeRaw(PasteStart + "line 1\r\nline 2\rline 3\r" + PasteEnd), [Key.Enter]);

        Assert.False(timedOut, "Enter did not answer the paste question");
        Assert.Contains("You pasted 3 lines (20 bytes).", Assert.Single(screens));
        Assert.Contains("Send as one message", screens[0]);
        Assert.Equal(new ChatCommand.Send("line 1\nline 2\nline 3"), Assert.Single(_ui.Commands));
        Assert.Equal("my draft", Input.Text);
    }

    [Fact]
    public void APasteOfSeveralLines_Cancelled_GoesNowhere()
    {
        var (timedOut, _) = Headless.DriveModal(() => TypeRaw(PasteStart + "x\ry" + PasteEnd), [new Key('c')]);

        Assert.False(timedOut, "c did not cancel the paste question");
        Assert.Empty(_ui.Commands);
        Assert.Equal(string.Empty, Input.Text);
    }

    [Fact]
    public void APasteOfSeveralLines_WithEsc_GoesNowhere()
    {
        var (timedOut, _) = Headless.DriveModal(() => TypeRaw(PasteStart + "x\ry" + PasteEnd), [Key.Esc]);

        Assert.False(timedOut, "Esc did not close the paste question");
        Assert.Empty(_ui.Commands);
        Assert.Equal(string.Empty, Input.Text);
    }

    [Fact]
    public void APasteOfSeveralLines_EditedFirst_GoesIntoTheInput_AndEnterSendsItAsOneMessage()
    {
        Headless.Type("look: ");

        var (timedOut, _) = Headless.DriveModal(() => TypeRaw(PasteStart + "x\ry" + PasteEnd), [new Key('e')]);
        Assert.False(timedOut, "e did not answer the paste question");
        Assert.Empty(_ui.Commands);
        Assert.Equal("look: x\ny", Input.Text);

        Headless.Press(Key.Enter);

        Assert.Equal(new ChatCommand.Send("look: x\ny"), Assert.Single(_ui.Commands));
    }

    [Fact]
    public void APasteSentAsOneMessage_IsInTheHistory()
    {
        Headless.DriveModal(() => TypeRaw(PasteStart + "x\ry" + PasteEnd), [Key.Enter]);

        Headless.Press(Key.CursorUp);

        Assert.Equal("x\ny", Input.Text);
    }

    [Fact]
    public void APasteOverTheLimit_SentAsOneMessage_IsRefusedWithANotice()
    {
        Input.MaxTextBytes = 5;

        Headless.DriveModal(() => TypeRaw(PasteStart + "abc\rdef" + PasteEnd), [Key.Enter]);

        Assert.Empty(_ui.Commands);
        Assert.Equal("Too long to send: 7 bytes, the limit is 5. Shorten it or split it.", Assert.Single(_notices));
    }

    /// <summary>Raw terminal input through the driver's pipeline: its input queue, the ANSI parser, then the views.</summary>
    private void TypeRaw(string raw)
    {
        var input = (InputProcessorImpl<char>)_ui.App.Driver!.GetInputProcessor();
        foreach (var c in raw)
        {
            input.InputQueue.Enqueue(c);
        }

        input.ProcessQueue();
    }
}

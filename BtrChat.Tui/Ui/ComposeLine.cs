using BtrChat.Chat;
using BtrChat.Protocol;
using System.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace BtrChat.Ui;

/// <summary>
/// The input. Enter turns it into a <see cref="ChatCommand"/> (text to send, or a typed /command); Alt-Enter or
/// Ctrl-J starts a new line in the message, and the input grows up to <see cref="MaxRows"/> rows; Up and Down
/// recall what was submitted before, like a shell; Ctrl-D deletes forward while there is text and quits only on
/// an empty input. A paste of several lines asks first (<see cref="PasteQuestion"/>). Near the size limit a
/// counter shows the message's UTF-8 bytes, and over it Enter refuses with a <see cref="Notice"/>.
/// </summary>
public sealed class ComposeLine : View
{
    /// <summary>The input grows with the message up to this many rows, then scrolls.</summary>
    public const int MaxRows = 5;

    // TextView is marked obsolete in favour of EditorView from a separate package (tui-cs/Editor); it is still
    // shipped and works, and a chat input needs nothing of the editor's, so one more dependency is not worth it.
#pragma warning disable CS0618
    private readonly TextView _editor;
    private readonly Label _counter;
    private readonly InputHistory _history = new();
    private int _maxTextBytes = EnvelopeCodec.MaxTextBytes;

    public ComposeLine()
    {
        CanFocus = true;
        Height = 1;
        _editor = new TextView
        {
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            WordWrap = true,
            TabKeyAddsTab = false,
        };
#pragma warning restore CS0618

        // Ctrl-L would open TextView's colour picker, which has no place in a chat input.
        _editor.KeyBindings.Remove(Key.L.WithCtrl);
        _counter = new Label { X = Pos.AnchorEnd(), Y = 0, Visible = false };
        _editor.KeyDown += OnEditorKeyDown;
        _editor.Pasting += OnPasting;
        _editor.ContentsChanged += (_, _) => Refresh();
        _editor.ViewportChanged += (_, _) => Refresh();
        Add(_editor, _counter);

        // Terminal.Gui hands a bracketed paste to the focused view it finds, which can be this container rather than
        // the editor inside it: both ask the same way, and this one inserts into the editor (OnPaste).
        Pasting += OnPasting;
    }

    public event Action<ChatCommand>? CommandIssued;

    /// <summary>One line for the history, e.g. why Enter did not send; it never contains the message text.</summary>
    public event Action<string>? Notice;

    /// <summary>Raised when the input's height in rows changes, so the window can give the history the rest.</summary>
    public event Action<int>? RowsChanged;

    /// <summary>The channel's limit in UTF-8 bytes (<see cref="ISecureChannel.MaxTextBytes"/>); the counter and Enter's refusal use it.</summary>
    public int MaxTextBytes
    {
        get => _maxTextBytes;
        set
        {
            _maxTextBytes = value;
            Refresh();
        }
    }

    /// <summary>The input's height in rows, 1 to <see cref="MaxRows"/>.</summary>
    public int Rows { get; private set; } = 1;

    /// <summary>The size counter as shown, or null while the message is well under the limit.</summary>
    public string? CounterText => _counter.Visible ? _counter.Text : null;

    /// <summary>The message being composed; lines are separated by "\n". It hides <see cref="View.Text"/>, which this container does not draw.</summary>
    public new string Text
    {
        get => _editor.Text.ReplaceLineEndings("\n");
        set
        {
            _editor.Text = value;
            _editor.MoveEnd();
            Refresh();
        }
    }

    /// <summary>A line submitted with Enter becomes a command; a message of several lines is always text, sent as typed.</summary>
    private static ChatCommand? ToCommand(string text) =>
        !text.Contains('\n') ? ChatCommand.FromTypedLine(text)
        : string.IsNullOrWhiteSpace(text) ? null
        : new ChatCommand.Send(text);

    /// <summary>Alt-Enter arrives as ESC CR from most terminals, ESC LF from some, or a real Alt+Enter (kitty); Ctrl-J is for terminals that keep Alt-Enter.</summary>
    private static bool IsNewLineKey(Key key) =>
        key == Key.Enter.WithAlt || key == Key.M.WithCtrl.WithAlt || key == Key.J.WithCtrl.WithAlt
        || key == Key.Enter.WithCtrl || key == Key.J.WithCtrl;

    private void OnEditorKeyDown(object? sender, Key key)
    {
        if (key == Key.Enter)
        {
            key.Handled = true;
            Submit();
        }
        else if (IsNewLineKey(key))
        {
            key.Handled = true;
            _editor.InsertText("\n");
        }
        else if (key == Key.D.WithCtrl && _editor.Text.Length == 0)
        {
            key.Handled = true;
            CommandIssued?.Invoke(new ChatCommand.Quit());
        }
        else if ((key == Key.CursorUp || key == Key.P.WithCtrl) && _editor.CurrentRow == 0)
        {
            key.Handled = true;
            Recall(_history.Previous(Text));
        }
        else if ((key == Key.CursorDown || key == Key.N.WithCtrl) && _editor.CurrentRow >= _editor.Lines - 1)
        {
            key.Handled = true;
            Recall(_history.Next());
        }
    }

    private void Recall(string? entry)
    {
        if (entry is not null)
        {
            Text = entry;
        }
    }

    private void Submit()
    {
        var text = Text;
        var command = ToCommand(text);
        if (command is ChatCommand.Send send && !FitsTheLimit(send.Text))
        {
            return;
        }

        _history.Add(text);
        Text = string.Empty;
        if (command is not null)
        {
            CommandIssued?.Invoke(command);
        }
    }

    /// <summary>
    /// A bracketed paste reaches here whole: Terminal.Gui parses ESC[200~ … ESC[201~ into one paste, so its line breaks
    /// never act as Enter and its control characters never as shortcuts (they are stripped). One line is inserted as
    /// if typed; several ask first.
    /// </summary>
    private void OnPasting(object? sender, PastingEventArgs e)
    {
        // A copied line usually carries its line break; it is not meant as an extra, empty line.
        var text = e.Text.ReplaceLineEndings("\n").TrimEnd('\n');
        e.Text = text;
        if (text.Length == 0)
        {
            e.Handled = true;
            return;
        }

        if (!text.Contains('\n') || App is not { } app)
        {
            return;
        }

        switch (PasteQuestion.Ask(app, text.Count(c => c == '\n') + 1, SizeCounter.Bytes(text)))
        {
            case PasteChoice.Edit:
                return;
            case PasteChoice.Send when FitsTheLimit(text):
                _history.Add(text);
                CommandIssued?.Invoke(new ChatCommand.Send(text));
                break;
        }

        e.Handled = true;
    }

    protected override bool OnPaste(string text)
    {
        _editor.InsertText(text);
        return true;
    }

    private bool FitsTheLimit(string text)
    {
        var bytes = SizeCounter.Bytes(text);
        if (bytes <= MaxTextBytes)
        {
            return true;
        }

        Notice?.Invoke(SizeCounter.TooLong(bytes, MaxTextBytes));
        return false;
    }

    /// <summary>Keeps the counter and the height in step with the message.</summary>
    private void Refresh()
    {
        var counter = SizeCounter.Text(SizeCounter.Bytes(Text), MaxTextBytes);
        _counter.Visible = counter is not null;
        _counter.Text = counter ?? string.Empty;
        _editor.Width = Dim.Fill(counter is null ? 0 : counter.Length + 1);

        var rows = Math.Clamp(RowsNeeded(), 1, MaxRows);
        if (rows != Rows)
        {
            Rows = rows;
            Height = rows;
            RowsChanged?.Invoke(rows);
        }

        // While the input was smaller it scrolled to keep the cursor in sight; once all of it fits, show it from the top.
        if (_editor.Viewport.Y != 0 && RowsNeeded() <= _editor.Viewport.Height)
        {
            _editor.ScrollTo(Point.Empty);
        }
    }

    /// <summary>Rows the message takes when wrapped to the editor's width (TextView's line count ignores wrapping).</summary>
    private int RowsNeeded()
    {
        var width = _editor.Viewport.Width;
        return width <= 0
            ? _editor.Lines
            : Text.Split('\n').Sum(line => Math.Max(1, (line.GetColumns() + width - 1) / width));
    }
}

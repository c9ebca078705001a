using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Ui;
using Terminal.Gui.Input;

namespace BtrChat.Tests.Ui;

/// <summary>The PIN prompt runs a nested modal session; each test types into it from the session's own loop.</summary>
[Collection(TerminalGuiCollection.Name)]
public sealed class PinDialogTests : IDisposable
{
    private const string Prompt = "Shared PIN for alice-tx / bob-rx";

    private readonly HeadlessApp _headless = new();

    public void Dispose() => _headless.Dispose();

    [Fact]
    public void Ask_AfterATooShortPin_ShowsWhyAndAsksAgainUntilThePinIsUsable()
    {
        Pin? pin = null;

        var (timedOut, screens) = _headless.DriveModal(
            () => pin = Ask(),
            [.. Keys("12"), Key.Enter],
            [.. Keys("1234"), Key.Enter]);

        Assert.False(timedOut, "the PIN dialog did not close");
        Assert.Equal(2, screens.Count);
        Assert.Contains(Prompt, screens[0]);
        Assert.DoesNotContain("The PIN must be", screens[0]);
        Assert.Contains("The PIN must be exactly 4 characters (you typed 2).", screens[1]);
        Assert.NotNull(pin);
        Assert.Equal("1234", pin.Value);
        Assert.Equal("Pin(redacted)", pin.ToString());
    }

    [Fact]
    public void Ask_WhileTyping_NeverShowsThePin()
    {
        var (timedOut, screens) = _headless.DriveModal(() => Ask(), [.. Keys("7y3q"), Key.Enter]);

        Assert.False(timedOut, "the PIN dialog did not close");
        Assert.Contains(Prompt, Assert.Single(screens));
        Assert.DoesNotContain("7y3q", screens[0]);

        // The four keys did reach the field: it shows four mask characters.
        var row = screens[0].Split('\n').Single(r => r.Contains("PIN:", StringComparison.Ordinal));
        var shown = row[(row.IndexOf("PIN:", StringComparison.Ordinal) + 4)..].Trim().TrimEnd('┃').Trim();
        Assert.Equal(4, shown.Length);
    }

    [Fact]
    public void Ask_CtrlDOnAnEmptyField_ReturnsNull()
    {
        Pin? pin = new("unset");

        var (timedOut, _) = _headless.DriveModal(() => pin = Ask(), [Key.D.WithCtrl]);

        Assert.False(timedOut, "Ctrl-D did not close the PIN dialog");
        Assert.Null(pin);
    }

    [Fact]
    public void Ask_CancelButton_ReturnsNullEvenWithAPinTyped()
    {
        Pin? pin = new("unset");

        // Tab moves from the field to Cancel, Enter presses it.
        var (timedOut, _) = _headless.DriveModal(() => pin = Ask(), [.. Keys("1234"), Key.Tab, Key.Enter]);

        Assert.False(timedOut, "Cancel did not close the PIN dialog");
        Assert.Null(pin);
    }

    [Fact]
    public void Ask_Esc_ReturnsNull()
    {
        Pin? pin = new("unset");

        var (timedOut, _) = _headless.DriveModal(() => pin = Ask(), [Key.Esc]);

        // PinDialog.Ask documents Esc as a way to cancel, and /help says "Esc closes dialogs"; with the key
        // bindings TerminalChat sets (Quit on Ctrl-Q only) Esc does nothing and only the watchdog ends the dialog.
        Assert.False(timedOut, "Esc did not close the PIN dialog");
        Assert.Null(pin);
    }

    private static IEnumerable<Key> Keys(string text) => text.Select(c => new Key(c));

    private Pin? Ask() => PinDialog.Ask(_headless.App, Prompt, p => SecureChannels.Validate(SecurityMode.Legacy, p));
}

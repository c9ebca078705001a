using System.Text;
using BtrChat.Chat;

namespace BtrChat.Tests.Chat;

public sealed class TerminalSafeTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("hello, world")]
    [InlineData("héllo wörld — ✓ 🔐 你好")]
    [InlineData("tabs are not here; ^[ is already caret text")]
    public void Make_SafeText_ReturnsItUnchanged(string text)
    {
        Assert.Same(text, TerminalSafeText.Make(text));
    }

    [Theory]
    [InlineData("\u001b", "^[")]
    [InlineData("\u0007", "^G")]
    [InlineData("\u0000", "^@")]
    [InlineData("\t", "^I")]
    [InlineData("\r", "^M")]
    [InlineData("\u001f", "^_")]
    [InlineData("\u007f", "^?")]
    [InlineData("\u001b]0;pwned\u0007", "^[]0;pwned^G")]
    [InlineData("\u001b[2J\u001b[H", "^[[2J^[[H")]
    [InlineData("a\u001b]52;c;Zm9v\u0007b", "a^[]52;c;Zm9v^Gb")]
    public void Make_ControlCharacters_BecomeCaretNotation(string text, string expected)
    {
        Assert.Equal(expected, TerminalSafeText.Make(text));
    }

    [Theory]
    [InlineData("\u009b31m", "\\u009b31m")]
    [InlineData("\u0080", "\\u0080")]
    [InlineData("\u009f", "\\u009f")]
    [InlineData("\u0085", "\\u0085")]
    [InlineData("abc\u202edcba", "abc\\u202edcba")]
    [InlineData("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d")]
    [InlineData("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069")]
    [InlineData("left\u200eright\u200fmark\u061c", "left\\u200eright\\u200fmark\\u061c")]
    public void Make_C1ControlsAndBidiOverrides_BecomeVisibleEscapes(string text, string expected)
    {
        Assert.Equal(expected, TerminalSafeText.Make(text));
    }

    [Fact]
    public void Make_NonBreakingSpaceAndLatin1Letters_StayAsTheyAre()
    {
        Assert.Equal("\u00a0é\u00ff", TerminalSafeText.Make("\u00a0é\u00ff"));
    }

    [Fact]
    public void Make_AnySingleCharacter_KeepsItIfHarmlessElseLeavesNoControlCharacterBehind()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var text = ((char)c).ToString();

            var made = TerminalSafeText.Make(text);

            if (IsControlOrOverride((char)c))
            {
                Assert.False(made.Any(IsControlOrOverride), $"U+{c:X4} came out as {Escape(made)}");
                Assert.True(made.Length > 1, $"U+{c:X4} was dropped rather than shown");
            }
            else
            {
                Assert.Equal(text, made);
            }
        }
    }

    [Fact]
    public void Make_RandomText_NeverContainsACharacterBelowSpace()
    {
        var random = new Random(20250314);
        for (var i = 0; i < 2000; i++)
        {
            var text = RandomText(random);

            var made = TerminalSafeText.Make(text);

            Assert.False(made.Any(c => c < 0x20), $"{Escape(text)} came out as {Escape(made)}");
            Assert.False(made.Any(IsControlOrOverride), $"{Escape(text)} came out as {Escape(made)}");
        }
    }

    [Fact]
    public void Make_RandomText_MapsEachCharacterOnItsOwn()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var text = RandomText(random);

            var made = TerminalSafeText.Make(text);

            // With the single-character test this pins the whole mapping: nothing is dropped, merged or reordered.
            Assert.Equal(string.Concat(text.Select(c => TerminalSafeText.Make(c.ToString()))), made);
        }
    }

    private static bool IsControlOrOverride(char c) =>
        c < 0x20 || (c >= 0x7f && c < 0xa0) || c is (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u200e' or '\u200f' or '\u061c';

    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(0, 40);
        for (var j = 0; j < length; j++)
        {
            text.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0x7f, 0xa0),
                2 => "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"[random.Next(12)],
                _ => (char)random.Next(0x20, 0xd800),
            });
        }

        return text.ToString();
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < 0x20 || c >= 0x7f ? $"\\u{(int)c:x4}" : c.ToString()));
}

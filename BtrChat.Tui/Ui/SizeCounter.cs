using System.Globalization;
using System.Text;

namespace BtrChat.Ui;

/// <summary>How full a message is, in UTF-8 bytes against the channel's limit: shown only near the limit, so it never distracts.</summary>
public static class SizeCounter
{
    /// <summary>The counter appears once a message passes this share of the limit.</summary>
    public const double ShowFrom = 0.8;

    public static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary>"12,345/16,000" when <paramref name="bytes"/> is over <see cref="ShowFrom"/> of <paramref name="limit"/>, else null.</summary>
    public static string? Text(int bytes, int limit) =>
        bytes > limit * ShowFrom ? $"{Number(bytes)}/{Number(limit)}" : null;

    /// <summary>The one-line notice for a message Enter refused: sizes only, never the text.</summary>
    public static string TooLong(int bytes, int limit) =>
        $"Too long to send: {Number(bytes)} bytes, the limit is {Number(limit)}. Shorten it or split it.";

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

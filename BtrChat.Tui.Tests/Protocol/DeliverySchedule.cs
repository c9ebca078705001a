using System.Globalization;
using CsCheck;

namespace BtrChat.Tests.Protocol;

/// <summary>
/// One generated run of the delivery simulation: how far the clock moves per step, when each message is typed
/// (milliseconds after the one before), and what the network does to each body sent. The i-th body sent on a link
/// meets that link's i-th fate; past the end of its list every body arrives once, at once. Shrinking shortens the
/// lists and lowers the numbers, so a failing schedule shrinks towards few messages on a reliable network with only
/// the faults that matter left.
/// </summary>
internal sealed record DeliverySchedule(int StepMs, int[] TypedAfterMs, DeliverySchedule.Fate[] DataFates, DeliverySchedule.Fate[] ReceiptFates)
{
    /// <summary>Mostly short delays, which reorder; some longer than the receiver's gap timeout, which make markers and late arrivals.</summary>
    private static readonly Gen<int> Delay = Gen.Frequency<int>((4, Gen.Int[0, 1_000]), (1, Gen.Int[1_000, 30_000]));

    /// <summary>No copy is a loss, one is the usual case, more are the duplicates of an at-least-once queue.</summary>
    private static readonly Gen<int[]> Copies = Gen.Frequency<int[]>((2, Gen.Const(Array.Empty<int>())), (12, Delay.Array[1]), (2, Delay.Array[2, 3]));

    private static readonly Gen<Fate> DataFate = Gen.Frequency<Fate>(
        (1, Gen.Int[100, 10_000].Select(ms => new Fate(ms, []))),
        (9, Copies.Select(copies => new Fate(0, copies))));

    private static readonly Gen<Fate> ReceiptFate = Copies.Select(copies => new Fate(0, copies));

    public static Gen<DeliverySchedule> Generator { get; } = Gen.Select(
        Gen.Int[1, 20],
        Gen.Int[0, 5_000].Array[1, 10],
        DataFate.Array[0, 30],
        ReceiptFate.Array[0, 10],
        (step, typed, data, receipts) => new DeliverySchedule(step * 100, typed, data, receipts));

    public int Messages => TypedAfterMs.Length;

    public static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.0##", CultureInfo.InvariantCulture) + " s";

    public override string ToString()
    {
        var typedAt = TypedAfterMs.Select((_, i) => "+" + Seconds(TypedAfterMs.Take(i + 1).Sum()));
        return $"""
            clock step {Seconds(StepMs)}; {Messages} message(s) typed at {string.Join(", ", typedAt)}
            data bodies:    {Describe(DataFates)}
            receipt bodies: {Describe(ReceiptFates)}
            """;
    }

    private static string Describe(Fate[] fates) =>
        string.Join(", ", fates.Select((fate, i) => $"#{i + 1} {fate}").Append("then each arrives once at once"));

    /// <summary>
    /// What happens to one body: SQS refuses the send for <see cref="RefusedForMs"/> (a transient failure: the outbox
    /// retries it then), or accepts it and a copy arrives after each of <see cref="CopyDelaysMs"/>; none is a loss.
    /// </summary>
    public sealed record Fate(int RefusedForMs, int[] CopyDelaysMs)
    {
        public static Fate Once { get; } = new(0, [0]);

        public bool Refused => RefusedForMs > 0;

        public override string ToString() =>
            Refused ? $"refused for {Seconds(RefusedForMs)}"
            : CopyDelaysMs.Length == 0 ? "lost"
            : CopyDelaysMs.Length == 1 ? $"arrives after {Seconds(CopyDelaysMs[0])}"
            : $"{CopyDelaysMs.Length} copies after {string.Join(" and ", CopyDelaysMs.Select(ms => Seconds(ms)))}";
    }
}

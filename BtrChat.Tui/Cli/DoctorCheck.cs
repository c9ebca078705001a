namespace BtrChat.Cli;

/// <summary>One line of <c>btrchat doctor</c>: what was checked, and for a failure why and what to do.</summary>
public sealed record DoctorCheck(DoctorOutcome Outcome, string What, string? Reason = null, string? Fix = null)
{
    public static DoctorCheck Ok(string what) => new(DoctorOutcome.Ok, what);

    public static DoctorCheck Fail(string what, string reason, string fix) => new(DoctorOutcome.Fail, what, reason, fix);

    public static DoctorCheck Unknown(string what, string reason) => new(DoctorOutcome.Unknown, what, reason);

    /// <summary>Splits an <see cref="Transport.SqsFailure"/> line ("what happened: check this") into reason and fix.</summary>
    public static DoctorCheck FromSqsFailure(string what, string message, string defaultFix)
    {
        var split = message.IndexOf(": ", StringComparison.Ordinal);
        return split < 0
            ? Fail(what, message, defaultFix)
            : Fail(what, message[..split], message[(split + 2)..]);
    }

    public override string ToString() => Outcome switch
    {
        DoctorOutcome.Ok => $"ok   {What}",
        DoctorOutcome.Fail => $"FAIL {What}: {Reason}. Fix: {Fix}",
        _ => $"?    {What}: unknown ({Reason})",
    };
}

namespace BtrChat.Cli;

/// <summary>How one <c>btrchat doctor</c> check ended.</summary>
public enum DoctorOutcome
{
    Ok,
    Fail,

    /// <summary>The endpoint does not say (the emulator omits some attributes); not a failure.</summary>
    Unknown,
}

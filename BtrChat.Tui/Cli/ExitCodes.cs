namespace BtrChat.Cli;

/// <summary>Process exit codes, as documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed at run time (an unexpected error; details in the log file).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or configuration, or no PIN where one was required.</summary>
    public const int BadConfiguration = 2;
}

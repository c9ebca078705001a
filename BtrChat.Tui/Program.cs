using System.Runtime.Versioning;
using BtrChat.Cli;

// A Unix terminal program: POSIX signals, file modes and a umask are part of how it keeps secrets and the terminal safe.
[assembly: UnsupportedOSPlatform("windows")]

return await BtrChatCommand.RunAsync(args);

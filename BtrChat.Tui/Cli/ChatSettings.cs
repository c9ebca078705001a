using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog.Events;

namespace BtrChat.Cli;

/// <summary>Validated settings: everything the program needs to start, with no further checks.</summary>
public sealed record ChatSettings(
    QueueNames Queues,
    SqsEndpoint Endpoint,
    SecurityMode Mode,
    string? KeyFile,
    string LogFile,
    LogEventLevel LogLevel,
    int Scrollback = BtrChat.Ui.HistoryPane.DefaultScrollback,
    bool Bell = false);

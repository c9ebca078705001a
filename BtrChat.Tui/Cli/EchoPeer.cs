using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Transport;
using Serilog;

namespace BtrChat.Cli;

/// <summary>
/// A headless front end on the same session code as the full-screen one: it answers every message with
/// "echo: " and the text, through SQS and the crypto like anyone's. The demo runs it as the other person.
/// It prints its state, never message text.
/// </summary>
public static class EchoPeer
{
    public const string ReplyPrefix = "echo: ";

    public static async Task<int> RunAsync(ChatSettings settings, Pin pin, ILogger log, CancellationToken cancellationToken)
    {
        using var queue = new SqsMessageQueue(settings.Endpoint.CreateClient);
        await using var session = new ChatSession(queue, settings.Queues, SecureChannels.Create(settings.Mode, pin, settings.Queues, HandshakePolicy.Default), TimeProvider.System, log);
        session.Start();
        Console.Out.WriteLine($"echo peer: reading {settings.Queues.Rx}, answering on {settings.Queues.Tx}");
        var lastState = (ConnectionState?)null;
        await ChatEventPump.RunAsync(
            session,
            batch =>
            {
                foreach (var chatEvent in batch)
                {
                    switch (chatEvent)
                    {
                        case ChatEvent.PeerMessage message:
                            session.Send(ReplyPrefix + message.Text);
                            break;
                        case ChatEvent.Rejected rejected:
                            Console.Out.WriteLine($"echo peer: {Notices.Rejected(rejected.Reason)}");
                            break;
                        case ChatEvent.OwnMessageFailed failed:
                            Console.Out.WriteLine($"echo peer: reply #{failed.LocalId} not sent: {failed.Reason}");
                            break;
                        case ChatEvent.ConnectionChanged changed when changed.Status.State != lastState:
                            lastState = changed.Status.State;
                            Console.Out.WriteLine($"echo peer: {Notices.Connection(changed.Status)}");
                            break;
                    }
                }

                return Task.CompletedTask;
            },
            cancellationToken);
        Console.Out.WriteLine("echo peer: stopped");
        return ExitCodes.Ok;
    }
}

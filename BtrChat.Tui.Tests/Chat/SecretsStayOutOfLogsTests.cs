using System.Diagnostics;
using BtrChat.Chat;
using BtrChat.Cli;
using BtrChat.Protocol;
using BtrChat.Tests.Cli;
using BtrChat.Tests.Support;
using BtrChat.Transport;
using Serilog.Events;

namespace BtrChat.Tests.Chat;

/// <summary>
/// At the most verbose log level, nothing secret is written anywhere but the screen: not the PIN, a key, a token,
/// a safety code or a message's text, in the log file, on stdout or on stderr; and the log is 0600 in a 0700
/// directory. Each assertion would fail if one log line with the secret were added.
/// </summary>
public sealed class SecretsStayOutOfLogsTests(SqsEmulator emulator) : IDisposable
{
    private const string Pin = "Zq9x";
    private const string NewPin = "Wk3v";
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PinModeChatSwapAndPinReentry_AtVerboseLevel_LogsNoPinTokenSafetyCodeOrMessageText()
    {
        var logFile = _dir.Combine("logs", "btrchat.log");
        var texts = Enumerable.Range(0, 6).Select(i => $"secret-text-{i}-{Guid.NewGuid():N}").ToArray();
        var safetyCodes = new List<string>();
        using (var log = LogSetup.Create(logFile, LogEventLevel.Verbose))
        {
            await using var pair = await ChatPair.StartAsync(emulator, Pin, Pin, log: log, mode: SecurityMode.Pin);
            pair.Alice.Send(texts[0]);
            pair.Bob.Send(texts[1]);
            await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == texts[0]);
            await pair.AliceSees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == texts[1]);

            await emulator.SendRawAsync(pair.AliceToBob, texts[2]);
            await pair.BobSees.WaitForAsync<ChatEvent.Rejected>();

            pair.Alice.SwapQueues();
            pair.Alice.SwapQueues();
            await pair.AliceSees.WaitForCountAsync<ChatEvent.QueuesChanged>(2);

            pair.Alice.ChangePin(new Pin(NewPin));
            pair.Bob.ChangePin(new Pin(NewPin));
            pair.Alice.Send(texts[3]);
            await pair.BobSees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == texts[3]);
            safetyCodes.AddRange(SafetyCodes(pair.AliceSees).Concat(SafetyCodes(pair.BobSees)));
        }

        var logged = ReadLogs(Path.GetDirectoryName(logFile)!);
        Assert.Contains("accepted", logged, StringComparison.Ordinal);
        Assert.Contains("Security notice", logged, StringComparison.Ordinal);
        Assert.True(safetyCodes.Distinct().Count() >= 2, "a first session and the one after the PIN change, each with a code");
        AssertNoneIn(logged, [Pin, NewPin, "gAAAAA", .. texts, .. safetyCodes, .. safetyCodes.Select(c => c.Replace(" ", string.Empty, StringComparison.Ordinal))]);
    }

    [Fact]
    public async Task RealProcess_KeyFileModeAtVerboseLevel_PrintsAndLogsNoKeySafetyCodeOrMessageText()
    {
        var tx = await emulator.CreateQueueAsync("secrets-a2b", fifo: true);
        var rx = await emulator.CreateQueueAsync("secrets-b2a", fifo: true);
        var key = KeyFile.Generate();
        var keyFile = _dir.Write("chat.key", key + "\n");
        File.SetUnixFileMode(keyFile, PrivateFile);
        var logDirectory = _dir.Combine("state", "btrchat");
        var start = BtrchatProcess.StartInfo(["echo-peer", "--security-mode", "key-file", "--key-file", keyFile, "--log-level", "Verbose",
            "--endpoint", emulator.Endpoint, "--region", "us-east-1", "--tx-queue", rx, "--rx-queue", tx]);
        start.Environment["XDG_STATE_HOME"] = _dir.Combine("state");
        start.Environment["XDG_CONFIG_HOME"] = _dir.Combine("config");
        var texts = Enumerable.Range(0, 3).Select(i => $"secret-text-{i}-{Guid.NewGuid():N}").ToArray();
        var queues = new QueueNames(tx, rx);
        string stdout, stderr;
        string? safetyCode;
        using (var peer = Process.Start(start)!)
        {
            var output = peer.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = peer.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var queue = new SqsMessageQueue(emulator.SqsEndpoint.CreateClient);
            await using (var alice = new ChatSession(queue, queues, SecureChannels.Create(SecurityMode.KeyFile, new Pin(key), queues, HandshakePolicy.Default), TimeProvider.System, Serilog.Core.Logger.None))
            {
                await using var sees = new EventRecorder(alice);
                alice.Start();
                foreach (var text in texts)
                {
                    alice.Send(text);
                    await sees.WaitForAsync<ChatEvent.PeerMessage>(m => m.Text == EchoPeer.ReplyPrefix + text, TimeSpan.FromSeconds(60));
                }

                safetyCode = SafetyCodes(sees).FirstOrDefault();
            }

            Process.Start("kill", ["-TERM", peer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            await peer.WaitForExitAsync(TestContext.Current.CancellationToken);
            (stdout, stderr) = (await output, await error);
        }

        Assert.NotNull(safetyCode);
        Assert.Contains("echo peer: stopped", stdout, StringComparison.Ordinal);
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(logDirectory));
        var logged = ReadLogs(logDirectory);
        Assert.Contains("accepted", logged, StringComparison.Ordinal);
        foreach (var written in new[] { stdout, stderr, logged })
        {
            AssertNoneIn(written, [key, key.TrimEnd('='), "gAAAAA", safetyCode, safetyCode.Replace(" ", string.Empty, StringComparison.Ordinal), .. texts]);
        }
    }

    private static IEnumerable<string> SafetyCodes(EventRecorder sees) =>
        sees.OfType<ChatEvent.SecurityChanged>().Select(s => s.SafetyCode).OfType<string>();

    /// <summary>Every file in the log directory, after checking the directory is 0700 and each file 0600.</summary>
    private static string ReadLogs(string directory)
    {
        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(directory));
        var files = Directory.GetFiles(directory);
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Equal(PrivateFile, File.GetUnixFileMode(file)));
        return string.Concat(files.Select(File.ReadAllText));
    }

    private static void AssertNoneIn(string written, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, written, StringComparison.Ordinal);
        }
    }
}

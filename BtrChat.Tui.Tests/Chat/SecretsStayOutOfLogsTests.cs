using BtrChat.Chat;
using BtrChat.Cli;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using Serilog.Events;

namespace BtrChat.Tests.Chat;

public sealed class SecretsStayOutOfLogsTests(SqsEmulator emulator)
{
    private const string Pin = "Zq9x";
    private const string NewPin = "Wk3v";

    [Fact]
    public async Task WholeChat_AtVerboseLevel_LogsNoPinKeyTokenOrMessageText()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"btrchat-secrets-{Guid.NewGuid():N}");
        var logFile = Path.Combine(directory, "logs", "btrchat.log");
        var texts = Enumerable.Range(0, 6).Select(i => $"secret-text-{i}-{Guid.NewGuid():N}").ToArray();
        try
        {
            using (var log = LogSetup.Create(logFile, LogEventLevel.Verbose))
            {
                await using var pair = await ChatPair.StartAsync(emulator, Pin, Pin, log: log);
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
            }

            var logged = string.Concat(Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
            Assert.Contains("accepted", logged, StringComparison.Ordinal);
            Assert.DoesNotContain(Pin, logged, StringComparison.Ordinal);
            Assert.DoesNotContain(NewPin, logged, StringComparison.Ordinal);
            Assert.DoesNotContain(LegacyChannel.KeySuffix, logged, StringComparison.Ordinal);
            Assert.DoesNotContain("gAAAAA", logged, StringComparison.Ordinal);
            foreach (var text in texts)
            {
                Assert.DoesNotContain(text, logged, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

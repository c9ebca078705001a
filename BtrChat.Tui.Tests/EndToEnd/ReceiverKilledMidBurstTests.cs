using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BtrChat.Chat;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Tests.Transport;
using BtrChat.Transport;

namespace BtrChat.Tests.EndToEnd;

/// <summary>
/// The receiving process dies by SIGKILL in the middle of a burst and is started again: every message of the burst
/// is shown, in order, never twice within one run, and none is lost across the two runs. Alice is an in-process
/// session on the shared emulator; Bob is the real btrchat program in a tall pane of a private tmux server, so
/// "shown" means on his screen, read with capture-pane. Nothing waits a fixed time where a condition can be polled.
/// </summary>
/// <remarks>Missing tools fail the test with what to install: an end-to-end test that skips quietly proves nothing.</remarks>
public sealed partial class ReceiverKilledMidBurstTests(SqsEmulator emulator)
{
    private const int BurstSize = 100;

    /// <summary>Bob is killed once his screen shows about a third of the burst.</summary>
    private const int KillAfterShown = BurstSize / 3;

    /// <summary>Pane size: wide enough for the status bar's "PIN secure" and safety code, tall enough that neither run's history scrolls (about 190 rows).</summary>
    private const int Columns = 100;
    private const int Rows = 200;

    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// From the restart until all is settled. Messages run 1 received but never deleted come back only after the 20 s
    /// visibility timeout (on a FIFO queue they also hold back everything behind them in the group until then).
    /// </summary>
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(50);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>How long run 2's screen must stay unchanged, once nothing is left to arrive, before a missing row counts as lost.</summary>
    private static readonly TimeSpan QuietScreen = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReceiverSigkilledMidBurstAndRestarted_EachRunShowsInOrderOnce_AndBothRunsTogetherShowAll(bool fifo)
    {
        var cancel = TestContext.Current.CancellationToken;
        var btrchat = FindBtrChatExecutable();
        var clock = Stopwatch.StartNew();
        var timings = new List<string>();
        void Mark(string what) => timings.Add($"{clock.Elapsed.TotalSeconds,5:0.0}s {what}");

        var aliceToBob = await emulator.CreateQueueAsync("a2b", fifo);
        var bobToAlice = await emulator.CreateQueueAsync("b2a", fifo);
        await using var alice = await FaultSession.StartAsync(emulator.SqsEndpoint, new QueueNames(aliceToBob, bobToAlice), SecurityMode.Pin);

        // FaultSession's PIN.
        await using var tmux = await PrivateTmux.StartAsync(btrchat, pin: "1234",
        [
            "--endpoint", emulator.Endpoint,
            "--region", "us-east-1",
            "--tx-queue", bobToAlice,
            "--rx-queue", aliceToBob,
        ]);
        var run1Screen = string.Empty;
        var run2Screen = string.Empty;
        string Report(string verdict, bool failed = true) => tmux.Report(
            $"{verdict} ({(fifo ? "FIFO" : "standard")} queues {aliceToBob} / {bobToAlice})",
            timings,
            failed,
            ("run 1, after SIGKILL", run1Screen),
            ("run 2", run2Screen));

        try
        {
            var run1 = await tmux.StartedPidAsync(cancel);
            var firstSession = await alice.Sees.WaitForAsync<ChatEvent.SecurityChanged>(s => s.State == HandshakeState.Established, StepTimeout);
            await tmux.WaitForScreenAsync(s => s.Contains("PIN secure ", StringComparison.Ordinal), "Bob's status bar shows PIN secure", StepTimeout, cancel);
            Mark("both established");

            // All at once: Alice's outbox sends them in batches while Bob's screen fills. The screen is read back to
            // back: a standard queue delivers the whole burst within milliseconds and btrchat shows it in a few frames
            // (its event pump hands the UI up to 64 at a time), so there the kill lands anywhere from a third to nearly
            // all; a FIFO queue hands out one message at a time and the kill lands at a third.
            var ids = Enumerable.Range(1, BurstSize).Select(n => alice.Session.Send(BurstText(n))).ToArray();
            Mark("burst queued");
            var beforeKill = await tmux.WaitForScreenAsync(s => PeerNumbers(s).Count >= KillAfterShown, $"{KillAfterShown} burst rows on Bob's screen", StepTimeout, cancel, TimeSpan.Zero);
            PrivateTmux.Kill(run1);
            Mark($"SIGKILL to run 1 (pid {run1}); its screen showed {PeerNumbers(beforeKill).Count} burst rows just before");

            // tmux marks the pane dead once it has read the terminal to its end: this is everything run 1 ever drew.
            var death = await tmux.WaitUntilDeadAsync(run1, StepTimeout, cancel);
            run1Screen = await tmux.CaptureAsync(cancel);
            var shownByRun1 = PeerNumbers(run1Screen);
            Mark($"run 1 ended ({death}) showing {shownByRun1.Count} burst rows");
            Assert.True(shownByRun1.Count is > 0 and < BurstSize, Report($"run 1 was not killed mid-burst: it shows {shownByRun1.Count} of {BurstSize} (a timing miss of this test, not a product failure)"));

            var run2 = await tmux.RespawnAsync(cancel);
            Mark($"run 2 started (pid {run2})");

            // Settled: Alice has Delivered for every message, and Bob's queue is empty, so the stragglers run 1 received
            // but never deleted have come back (after the visibility timeout) and been dealt with; then either both
            // screens together show the whole burst, or run 2's screen has stopped changing and never will.
            var deadline = clock.Elapsed + RecoveryTimeout;
            var (newSession, allDelivered, lastChange, lastScreen) = (false, false, clock.Elapsed, string.Empty);
            while (true)
            {
                run2Screen = await tmux.CaptureAsync(cancel);
                if (run2Screen != lastScreen)
                {
                    (lastScreen, lastChange) = (run2Screen, clock.Elapsed);
                }

                if (!newSession && alice.Sees.OfType<ChatEvent.SecurityChanged>().Any(s => s.State == HandshakeState.Established && s.SafetyCode != firstSession.SafetyCode))
                {
                    newSession = true;
                    Mark("Alice is on a new session with run 2");
                }

                var delivered = alice.Sees.OfType<ChatEvent.OwnMessageDelivered>().Select(d => d.LocalId).ToHashSet();
                var undelivered = Enumerable.Range(1, BurstSize).Where(n => !delivered.Contains(ids[n - 1])).ToArray();
                if (!allDelivered && undelivered.Length == 0)
                {
                    allDelivered = true;
                    Mark("Alice has Delivered for the whole burst");
                }

                var unseen = Enumerable.Range(1, BurstSize).Except(shownByRun1).Except(PeerNumbers(run2Screen)).ToArray();
                var left = await emulator.CountMessagesAsync(aliceToBob);
                if (allDelivered && left == 0 && (unseen.Length == 0 || clock.Elapsed - lastChange >= QuietScreen))
                {
                    Mark($"settled: Bob's queue empty, run 2 showing {PeerNumbers(run2Screen).Count} burst rows");
                    break;
                }

                Assert.False(await tmux.IsDeadAsync(cancel), Report("run 2 ended by itself"));
                Assert.True(
                    clock.Elapsed < deadline,
                    Report($"not settled {RecoveryTimeout.TotalSeconds:0}s after the restart: {Describe(undelivered)} without Alice's Delivered, {Describe(unseen)} on neither screen, {left} messages still in Bob's queue"));
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancel);
            }

            var shownByRun2 = PeerNumbers(run2Screen);
            Assert.True(ScrollProblem(run1Screen) is null, Report($"run 1's screen: {ScrollProblem(run1Screen)}"));
            Assert.True(ScrollProblem(run2Screen) is null, Report($"run 2's screen: {ScrollProblem(run2Screen)}"));
            Assert.True(IsStrictlyIncreasing(shownByRun1), Report($"run 1 shows the burst out of order or twice: {string.Join(' ', shownByRun1)}"));
            Assert.True(IsStrictlyIncreasing(shownByRun2), Report($"run 2 shows the burst out of order or twice: {string.Join(' ', shownByRun2)}"));
            var lost = Enumerable.Range(1, BurstSize).Except(shownByRun1).Except(shownByRun2).ToArray();
            Assert.True(lost.Length == 0, Report($"lost: burst {Describe(lost)} shown by neither run, although Alice has Delivered for them (so she will never send them again)"));
            tmux.Passed = true;
            TestContext.Current.TestOutputHelper?.WriteLine(Report(
                $"PASS: run 1 showed {shownByRun1.Count}, run 2 showed {shownByRun2.Count} ({shownByRun1.Intersect(shownByRun2).Count()} of them shown by both)",
                failed: false));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Assert.Fail(Report($"{e.GetType().Name}: {e.Message}"));
        }
    }

    private static string BurstText(int n) => $"burst {n:000}";

    /// <summary>The burst numbers in the order Bob's history rows show them ("HH:mm  &lt;peer&gt; burst 042").</summary>
    private static List<int> PeerNumbers(string screen) =>
        [.. PeerRow().Matches(screen).Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture))];

    // Exactly three digits, so a row cut short by the kill ("burst 04") is not read as another number.
    [GeneratedRegex(@"\d\d:\d\d  <peer> burst (\d{3})(?!\d)")]
    private static partial Regex PeerRow();

    /// <summary>
    /// Null when the history box's last row is still empty, so nothing has scrolled out at the top and every row the run
    /// showed is on the screen; else what is wrong.
    /// </summary>
    private static string? ScrollProblem(string screen)
    {
        var lines = screen.Split('\n');
        var top = Array.FindIndex(lines, l => l.Contains("┤History├", StringComparison.Ordinal));
        var bottom = top < 0 ? -1 : Array.FindIndex(lines, top + 1, l => l.TrimStart().StartsWith('└'));
        return bottom < 0 ? "no box titled History on the screen (has the layout changed?)"
            : lines[bottom - 1].Trim().Trim('│').Trim().Length > 0 ? "its history filled the box, so rows may have scrolled out of sight: make the pane taller"
            : null;
    }

    private static bool IsStrictlyIncreasing(List<int> numbers) => numbers.Zip(numbers.Skip(1)).All(p => p.First < p.Second);

    private static string Describe<T>(IReadOnlyCollection<T> items) =>
        string.Join(' ', items.Take(12)) + (items.Count > 12 ? " ..." : string.Empty);

    /// <summary>BTRCHAT_BIN if set; else the apphost copied next to the tests (the build they were compiled with); else BtrChat.Tui's own output.</summary>
    private static string FindBtrChatExecutable()
    {
        if (Environment.GetEnvironmentVariable("BTRCHAT_BIN") is { Length: > 0 } fromEnvironment)
        {
            Assert.True(File.Exists(fromEnvironment), $"BTRCHAT_BIN={fromEnvironment} does not exist.");
            return fromEnvironment;
        }

        var nextToTests = Path.Combine(AppContext.BaseDirectory, "btrchat");
        if (File.Exists(nextToTests))
        {
            return nextToTests;
        }

        var configuration = typeof(ReceiverKilledMidBurstTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } name
            ? name
            : "Debug";
        var inAppOutput = RepoPaths.Combine("BtrChat.Tui", "bin", configuration, "net10.0", "btrchat");
        Assert.True(File.Exists(inAppOutput), $"The btrchat executable is neither next to the tests ({nextToTests}) nor at {inAppOutput}: run `dotnet build` in the repo root.");
        return inAppOutput;
    }

    /// <summary>
    /// One pane running btrchat in a private tmux server (never the user's), with a PIN file and its own log file.
    /// The pane stays after btrchat dies, so the killed run's last screen can be read; tmux's alternate-screen is off
    /// because tmux drops a dead pane's alternate screen, where a full-screen program draws.
    /// </summary>
    private sealed class PrivateTmux : IAsyncDisposable
    {
        private const string Pane = "bob:0.0";

        private readonly string _tmux;
        private readonly string _socket = $"btrchat-sigkill-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48];
        private readonly string _directory;
        private readonly string _btrchat;
        private bool _started;

        /// <summary>Set once the test passed: only then are the run's files deleted.</summary>
        public bool Passed { get; set; }

        private PrivateTmux(string tmux, string directory, string btrchat)
        {
            _tmux = tmux;
            _directory = directory;
            _btrchat = btrchat;
        }

        public static async Task<PrivateTmux> StartAsync(string btrchat, string pin, IReadOnlyList<string> args)
        {
            var tmux = FindOnPath("tmux");
            Assert.True(tmux is not null, "tmux is required for the end-to-end test: apt-get install -y tmux");
            Assert.True(FindOnPath("bash") is not null, "bash is required for the end-to-end test (it runs the tmux watchdog)");
            var directory = Directory.CreateTempSubdirectory("btrchat-sigkill.").FullName;
            var server = new PrivateTmux(tmux!, directory, btrchat);
            try
            {
                var pinFile = Path.Combine(directory, "pin");
                await File.WriteAllTextAsync(pinFile, pin + "\n");
                File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                string[] command =
                [
                    btrchat, "--pin-file", pinFile, .. args,
                    "--log-file", Path.Combine(directory, "bob.log"), "--log-level", "Verbose",
                ];

                // One tmux call, so both options are set before btrchat can start (or die). Two or more arguments make
                // tmux exec btrchat itself, so the pane's pid is btrchat's. The watchdog stops btrchat and the server
                // should this test process be killed before its cleanup runs.
                server._started = true;
                await server.TmuxAsync(
                [
                    "start-server", ";",
                    "set-option", "-g", "remain-on-exit", "on", ";",
                    "set-option", "-g", "alternate-screen", "off", ";",
                    "new-session", "-d", "-s", "bob", "-x", $"{Columns}", "-y", $"{Rows}", "-e", "TERM=xterm-256color", .. command, ";",
                    "new-session", "-d", "-s", "watchdog", "-x", "40", "-y", "5",
                    "bash", "-c", Watchdog, "watchdog", $"{Environment.ProcessId}", tmux!, server._socket, Pane,
                ]);
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }

        /// <summary>
        /// $1 the test process, $2 tmux, $3 the socket name, $4 the pane. It kills a btrchat still running before the
        /// server: a btrchat whose terminal was hung up under it spins instead of exiting (Terminal.Gui 2.5). The server
        /// is stopped by its pid, since tmux leaves its socket file behind and it must be removed first.
        /// </summary>
        private const string Watchdog = """
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            pane=$("$2" -f /dev/null -L "$3" display-message -p -t "$4" '#{pane_dead} #{pane_pid}')
            [[ "$pane" == "0 "* ]] && kill -KILL "${pane#0 }"
            server=$("$2" -f /dev/null -L "$3" display-message -p '#{pid}')
            rm -f "${TMUX%%,*}"
            kill -TERM "$server"
            """;

        /// <summary>btrchat's pid in the pane, checked to be btrchat (tmux execs it, so it is the pane's pid).</summary>
        public async Task<int> StartedPidAsync(CancellationToken cancel)
        {
            var state = (await TmuxAsync(["display-message", "-p", "-t", Pane, "#{pane_dead} #{pane_pid}"], cancel)).Trim().Split(' ');
            Assert.True(state is ["0", _], $"btrchat is not running in the pane: {string.Join(' ', state)}{Environment.NewLine}{await CaptureAsync(cancel)}{LogTail()}");
            var pid = int.Parse(state[1], CultureInfo.InvariantCulture);

            // Until tmux's forked child has exec'd btrchat, the pid still runs tmux.
            var deadline = Stopwatch.StartNew();
            var commandLine = string.Empty;
            while (deadline.Elapsed < StepTimeout)
            {
                commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                if (commandLine.StartsWith(_btrchat + " ", StringComparison.Ordinal))
                {
                    return pid;
                }

                await Task.Delay(PollInterval, cancel);
            }

            throw new InvalidOperationException($"The pane's pid {pid} did not become btrchat: {commandLine}");
        }

        /// <summary>SIGKILL (what Process.Kill sends on Unix): no handler runs, nothing is flushed or deleted.</summary>
        public static void Kill(int pid)
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }

        public async Task<bool> IsDeadAsync(CancellationToken cancel) =>
            (await TmuxAsync(["display-message", "-p", "-t", Pane, "#{pane_dead}"], cancel)).Trim() == "1";

        /// <summary>
        /// Waits for tmux to mark the pane dead, which it does once it has read the terminal to its end, and returns how
        /// btrchat ended. tmux 3.3 sometimes leaves the killed process a zombie for a while without collecting its
        /// status (seen here), so then /proc answers instead.
        /// </summary>
        public async Task<string> WaitUntilDeadAsync(int pid, TimeSpan timeout, CancellationToken cancel)
        {
            var deadline = Stopwatch.StartNew();
            while (!await IsDeadAsync(cancel))
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"The pane did not die within {timeout.TotalSeconds:0}s of SIGKILL.");
                }

                await Task.Delay(PollInterval, cancel);
            }

            var settle = Stopwatch.StartNew();
            while (true)
            {
                var death = (await TmuxAsync(["display-message", "-p", "-t", Pane, "#{pane_dead_status}|#{pane_dead_signal}"], cancel)).Trim().Split('|');
                if (death is [{ Length: > 0 } status, _])
                {
                    return $"exit status {status}";
                }

                if (death is [_, { Length: > 0 } signal])
                {
                    return $"signal {signal}";
                }

                if (settle.Elapsed > TimeSpan.FromSeconds(1))
                {
                    var stat = File.Exists($"/proc/{pid}/stat") ? File.ReadAllText($"/proc/{pid}/stat") : string.Empty;
                    var state = stat.LastIndexOf(')') is var close and > 0 && close + 2 < stat.Length ? stat[close + 2] : '-';
                    Assert.True(state is 'Z' or 'X' or '-', $"The pane is dead but btrchat (pid {pid}) still runs (state {state}).");
                    return $"no exit status from tmux yet; process state {state}";
                }

                await Task.Delay(PollInterval, cancel);
            }
        }

        /// <summary>Runs the pane's command again (tmux clears the dead pane first) and returns the new btrchat's pid.</summary>
        public async Task<int> RespawnAsync(CancellationToken cancel)
        {
            await TmuxAsync(["respawn-pane", "-t", Pane], cancel);
            return await StartedPidAsync(cancel);
        }

        public async Task<string> CaptureAsync(CancellationToken cancel) => await TmuxAsync(["capture-pane", "-p", "-t", Pane], cancel);

        /// <summary>Polls the screen until <paramref name="condition"/> holds and returns that screen; fails early if btrchat died.</summary>
        public async Task<string> WaitForScreenAsync(Func<string, bool> condition, string what, TimeSpan timeout, CancellationToken cancel, TimeSpan? interval = null)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                var screen = await CaptureAsync(cancel);
                if (condition(screen))
                {
                    return screen;
                }

                if (await IsDeadAsync(cancel))
                {
                    throw new InvalidOperationException($"{what}: btrchat ended first. Its screen:{Environment.NewLine}{Trim(screen)}");
                }

                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0}s. Bob's screen:{Environment.NewLine}{Trim(screen)}");
                }

                if ((interval ?? TimeSpan.FromMilliseconds(100)) is { Ticks: > 0 } pause)
                {
                    await Task.Delay(pause, cancel);
                }
            }
        }

        /// <summary>The timeline and both screens; for a failure also the end of Bob's log and where the run's files are kept.</summary>
        public string Report(string verdict, IEnumerable<string> timings, bool failed, params (string Title, string Screen)[] screens)
        {
            var report = new StringBuilder(verdict).AppendLine().AppendLine("--- timeline ---");
            foreach (var line in timings)
            {
                report.AppendLine(line);
            }

            foreach (var (title, screen) in screens)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"--- Bob's screen, {title} ---").AppendLine(screen.Length == 0 ? "(not captured)" : Trim(screen));
            }

            return failed
                ? report.Append(LogTail()).AppendLine(CultureInfo.InvariantCulture, $"The run's files, Bob's whole log among them, are kept in {_directory}").ToString()
                : report.ToString();
        }

        public async ValueTask DisposeAsync()
        {
            if (_started)
            {
                // btrchat first, then the server (see the watchdog); tmux leaves its socket file behind.
                try
                {
                    var state = (await TmuxAsync(["display-message", "-p", "-t", Pane, "#{pane_dead} #{pane_pid}"], CancellationToken.None)).Trim().Split(' ');
                    if (state is ["0", var pid])
                    {
                        Kill(int.Parse(pid, CultureInfo.InvariantCulture));
                    }

                    var socketPath = (await TmuxAsync(["display-message", "-p", "#{socket_path}"], CancellationToken.None)).Trim();
                    await TmuxAsync(["kill-server"], CancellationToken.None);
                    File.Delete(socketPath);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
                {
                    // The server was never up, or is gone already.
                }
            }

            // A failed run keeps its files (Bob's full log), named at the end of its report.
            if (Passed)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }

        /// <summary>Runs one tmux command on the private server, with an environment that nothing of the caller's leaks into.</summary>
        private async Task<string> TmuxAsync(IEnumerable<string> args, CancellationToken cancel = default)
        {
            var start = new ProcessStartInfo(_tmux)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            string[] all = ["-f", "/dev/null", "-L", _socket, .. args];
            foreach (var arg in all)
            {
                start.ArgumentList.Add(arg);
            }

            // The server takes its environment from the call that starts it, and the pane from the server. BTRCHAT_*
            // variables override flags, and a TMUX from the caller's own tmux has no business here.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("BTRCHAT_", StringComparison.Ordinal) || k.StartsWith("TMUX", StringComparison.Ordinal)
                || k is "AWS_PROFILE" or "AWS_SESSION_TOKEN" or "AWS_ENDPOINT_URL" or "AWS_ENDPOINT_URL_SQS").ToArray())
            {
                start.Environment.Remove(name);
            }

            start.Environment["AWS_ACCESS_KEY_ID"] = "btrchat-tests";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "btrchat-tests";
            start.Environment["AWS_REGION"] = "us-east-1";
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["XDG_CONFIG_HOME"] = _directory;
            start.Environment["XDG_STATE_HOME"] = _directory;

            using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancel);
            var errors = process.StandardError.ReadToEndAsync(cancel);
            await process.WaitForExitAsync(cancel);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode}): {(await errors).Trim()}");
            }

            return await output;
        }

        /// <summary>The end of Bob's log (both runs), for failure reports. The sink rolls daily: bob.log is written as bob&lt;yyyyMMdd&gt;.log.</summary>
        private string LogTail()
        {
            var tail = new StringBuilder();
            foreach (var file in Directory.Exists(_directory) ? Directory.GetFiles(_directory, "bob*.log") : [])
            {
                tail.AppendLine(CultureInfo.InvariantCulture, $"--- last lines of {Path.GetFileName(file)} ---");
                foreach (var line in File.ReadLines(file).TakeLast(60))
                {
                    tail.AppendLine(line);
                }
            }

            return tail.ToString();
        }

        private static string Trim(string screen) =>
            string.Join(Environment.NewLine, screen.Split('\n').Select(l => l.TrimEnd()).Reverse().SkipWhile(l => l.Length == 0).Reverse());

        private static string? FindOnPath(string name) =>
            (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(directory => Path.Combine(directory, name))
                .FirstOrDefault(File.Exists);
    }
}

using System.Text;
using System.Text.Json;
using Amazon.SQS.Model;
using BtrChat.Cli;
using BtrChat.Protocol;
using BtrChat.Tests.Support;
using BtrChat.Transport;

namespace BtrChat.Tests.Cli;

/// <summary><c>btrchat setup</c> against the emulator: queues, config files, policies, and a second run that changes nothing.</summary>
public sealed class SetupCommandTests(SqsEmulator emulator) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("btrchat-setup-").FullName;
    private readonly string _me = "a" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _peer = "b" + Guid.NewGuid().ToString("N")[..10];

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task SetupTwice_SecondRunChangesNothing_ConfigsLoadWithTxAndRxSwapped()
    {
        var first = await RunAsync();
        var aliceFile = Path.Combine(_out, $"btrchat-{_me}.json");
        var firstContent = await File.ReadAllTextAsync(aliceFile, TestContext.Current.CancellationToken);
        var second = await RunAsync();

        Assert.Equal(ExitCodes.Ok, first.Code);
        Assert.DoesNotContain("nothing changed", first.Output, StringComparison.Ordinal);
        Assert.Contains($"queue btrchat-{_me}-to-{_peer}.fifo: created", first.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, second.Code);
        Assert.Contains("Already set up: nothing changed.", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("created", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("written", second.Output, StringComparison.Ordinal);
        Assert.Equal(firstContent, await File.ReadAllTextAsync(aliceFile, TestContext.Current.CancellationToken));

        var alice = ConfigLoader.Load(aliceFile, new Dictionary<string, string?>());
        var bob = ConfigLoader.Load(Path.Combine(_out, $"btrchat-{_peer}.json"), new Dictionary<string, string?>());
        Assert.Equal(new QueueNames($"btrchat-{_me}-to-{_peer}.fifo", $"btrchat-{_peer}-to-{_me}.fifo"), alice.Queues);
        Assert.Equal(alice.Queues.Swapped(), bob.Queues);
        Assert.Equal(SecurityMode.Pin, alice.Mode);
        Assert.Equal(new SqsEndpoint("us-east-1", emulator.Endpoint), alice.Endpoint);
        Assert.Equal(alice.Endpoint, bob.Endpoint);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Setup_BothQueuesHaveTheChatAttributesAndTheAppTag(bool standard)
    {
        var result = await RunAsync(standard: standard);

        Assert.Equal(ExitCodes.Ok, result.Code);
        using var sqs = emulator.CreateClient();
        foreach (var name in new[] { SetupCommand.QueueName(_me, _peer, !standard), SetupCommand.QueueName(_peer, _me, !standard) })
        {
            var url = (await sqs.GetQueueUrlAsync(name, TestContext.Current.CancellationToken)).QueueUrl;
            var attributes = (await sqs.GetQueueAttributesAsync(
                new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] },
                TestContext.Current.CancellationToken)).Attributes;
            Assert.Equal("1209600", attributes["MessageRetentionPeriod"]);
            Assert.Equal(SqsMessageQueue.VisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), attributes["VisibilityTimeout"]);
            if (standard)
            {
                Assert.False(attributes.TryGetValue("FifoQueue", out var fifo) && fifo == "true");
            }
            else
            {
                Assert.Equal("true", attributes["FifoQueue"]);
                Assert.Equal("true", attributes["ContentBasedDeduplication"]);
            }

            var tags = (await sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }, TestContext.Current.CancellationToken)).Tags;
            Assert.Equal("btrchat", tags["app"]);
        }
    }

    [Fact]
    public async Task ExistingQueueWithOtherVisibilityTimeout_IsCorrectedAndReported_ThenUnchanged()
    {
        using var sqs = emulator.CreateClient();
        var name = SetupCommand.QueueName(_me, _peer, fifo: true);
        await sqs.CreateQueueAsync(
            new CreateQueueRequest { QueueName = name, Attributes = new() { ["FifoQueue"] = "true", ["VisibilityTimeout"] = "300" } },
            TestContext.Current.CancellationToken);

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Contains(
            $"queue {name}: MessageRetentionPeriod 345600 -> 1209600, VisibilityTimeout 300 -> 20, ContentBasedDeduplication false -> true, tag app=btrchat\n",
            first.Output,
            StringComparison.Ordinal);
        var url = (await sqs.GetQueueUrlAsync(name, TestContext.Current.CancellationToken)).QueueUrl;
        var attributes = (await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["VisibilityTimeout", "MessageRetentionPeriod", "ContentBasedDeduplication"] },
            TestContext.Current.CancellationToken)).Attributes;
        Assert.Equal("20", attributes["VisibilityTimeout"]);
        Assert.Equal("1209600", attributes["MessageRetentionPeriod"]);
        Assert.Equal("true", attributes["ContentBasedDeduplication"]);
        Assert.Contains("Already set up: nothing changed.", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintedPolicies_GrantOnlyTheNamedActionsOnTheExactQueueArns()
    {
        var result = await RunAsync();

        using var sqs = emulator.CreateClient();
        var aliceTx = await ArnAsync(sqs, SetupCommand.QueueName(_me, _peer, fifo: true));
        var aliceRx = await ArnAsync(sqs, SetupCommand.QueueName(_peer, _me, fifo: true));
        AssertPolicy(PolicyAfter(result.Output, $"IAM policy for {_me}:"), aliceTx, aliceRx);
        AssertPolicy(PolicyAfter(result.Output, $"IAM policy for {_peer}:"), aliceRx, aliceTx);
    }

    [Fact]
    public async Task DifferentConfigFileAlreadyThere_RefusesWithOneLineAndKeepsIt()
    {
        var bobFile = Path.Combine(_out, $"btrchat-{_peer}.json");
        await File.WriteAllTextAsync(bobFile, "{ \"txQueue\": \"mine\" }", TestContext.Current.CancellationToken);

        var result = await RunAsync();

        Assert.Equal(ExitCodes.BadConfiguration, result.Code);
        Assert.Equal($"btrchat: {bobFile}: already exists with different settings; move it away or choose another --out", result.Error.TrimEnd());
        Assert.Equal("{ \"txQueue\": \"mine\" }", await File.ReadAllTextAsync(bobFile, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(_out, $"btrchat-{_me}.json")));
    }

    [Theory]
    [InlineData("alice", "alice", "--me and --peer are both 'alice'; a chat needs two people")]
    [InlineData("al ice", "bob", "--me 'al ice' may contain only letters, digits, - and _")]
    public async Task BadNames_OneLineAndBadConfigurationWithoutTouchingSqs(string me, string peer, string message)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await SetupCommand.RunAsync(
            new SetupCommand.Request(me, peer, false, "us-east-1", "http://127.0.0.1:9", _out), output, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Equal($"btrchat: {message}", error.ToString().TrimEnd());
        Assert.Empty(Directory.GetFiles(_out));
    }

    private static void AssertPolicy(JsonElement policy, string txArn, string rxArn)
    {
        Assert.Equal("2012-10-17", policy.GetProperty("Version").GetString());
        var grants = new List<(string Action, string Resource)>();
        foreach (var statement in policy.GetProperty("Statement").EnumerateArray())
        {
            Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
            Assert.False(statement.TryGetProperty("NotAction", out _));
            Assert.False(statement.TryGetProperty("Condition", out _));
            var resource = statement.GetProperty("Resource").GetString()!;
            grants.AddRange(statement.GetProperty("Action").EnumerateArray().Select(a => (a.GetString()!, resource)));
        }

        (string, string)[] expected =
        [
            ("sqs:SendMessage", txArn), ("sqs:GetQueueUrl", txArn), ("sqs:GetQueueAttributes", txArn),
            ("sqs:ReceiveMessage", rxArn), ("sqs:DeleteMessage", rxArn), ("sqs:ChangeMessageVisibility", rxArn),
            ("sqs:GetQueueUrl", rxArn), ("sqs:GetQueueAttributes", rxArn),
        ];
        Assert.Equal(expected.Order(), grants.Order());
    }

    /// <summary>The one JSON value printed after <paramref name="heading"/>, read without the text that follows it.</summary>
    private static JsonElement PolicyAfter(string output, string heading)
    {
        var start = output.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}' in the output");
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output[(start + heading.Length)..]), new JsonReaderOptions { AllowMultipleValues = true });
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }

    private static async Task<string> ArnAsync(Amazon.SQS.IAmazonSQS sqs, string name)
    {
        var url = (await sqs.GetQueueUrlAsync(name, TestContext.Current.CancellationToken)).QueueUrl;
        return (await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] },
            TestContext.Current.CancellationToken)).Attributes["QueueArn"];
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(bool standard = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SetupCommand.RunAsync(
            new SetupCommand.Request(_me, _peer, standard, null, emulator.Endpoint, _out), output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}

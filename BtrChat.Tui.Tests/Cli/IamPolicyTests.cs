using System.Text.Json;
using BtrChat.Cli;

namespace BtrChat.Tests.Cli;

/// <summary>The printed IAM policy is valid JSON that allows exactly the app's calls, each on one queue.</summary>
public sealed class IamPolicyTests
{
    private const string Tx = "arn:aws:sqs:eu-west-1:123456789012:btrchat-alice-to-bob.fifo";
    private const string Rx = "arn:aws:sqs:eu-west-1:123456789012:btrchat-bob-to-alice.fifo";

    [Fact]
    public void Build_SendStatementOnTxAndReceiveStatementOnRx_NothingElse()
    {
        using var policy = JsonDocument.Parse(IamPolicy.Build(Tx, Rx));

        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToArray();
        Assert.Equal(["Version", "Statement"], policy.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, statements.Length);
        AssertStatement(statements[0], Tx, ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]);
        AssertStatement(statements[1], Rx, ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]);
    }

    [Fact]
    public void Build_ArnWithCharactersJsonMustEscape_StaysOneExactString()
    {
        const string odd = "arn:aws:sqs:r:1:q\"\\x";

        using var policy = JsonDocument.Parse(IamPolicy.Build(odd, Rx));

        Assert.Equal(odd, policy.RootElement.GetProperty("Statement")[0].GetProperty("Resource").GetString());
    }

    private static void AssertStatement(JsonElement statement, string arn, string[] actions)
    {
        Assert.Equal(["Sid", "Effect", "Action", "Resource"], statement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal(arn, statement.GetProperty("Resource").GetString());
        Assert.Equal(actions, statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()));
    }
}

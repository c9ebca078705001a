using System.Net;
using Amazon.SQS;
using BtrChat.Cli;

namespace BtrChat.Tests.Cli;

/// <summary>
/// How doctor reads the refusal of a permission probe. The emulator has no IAM, so a denial cannot be produced
/// there: these are the answers Amazon SQS gives, as the SDK raises them.
/// </summary>
public sealed class PermissionProbeTests
{
    private const string Queue = "btrchat-ann-to-bo.fifo";

    private static readonly PermissionProbe Send = PermissionProbe.ForTx.Single();

    [Theory]
    [InlineData("AccessDenied")]
    [InlineData("AccessDeniedException")]
    public void Judge_AccessDenied_FailsNamingTheActionAndTheSetupPolicy(string code)
    {
        var check = Send.Judge(Queue, Refusal(code, HttpStatusCode.Forbidden));

        Assert.Equal($"FAIL queue {Queue} allows sqs:SendMessage: denied ({code}). Fix: attach the IAM policy btrchat setup printed for this person", check.ToString());
    }

    [Fact]
    public void Judge_UnknownAccessKey_FailsAsACredentialsProblem()
    {
        var check = Send.Judge(Queue, Refusal("InvalidClientTokenId", HttpStatusCode.Forbidden));

        Assert.Equal(DoctorOutcome.Fail, check.Outcome);
        Assert.Contains("does not know the access key", check.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MissingParameter")]
    [InlineData("InvalidParameterValue")]
    [InlineData("ReceiptHandleIsInvalid")]
    public void Judge_RefusedForItsContent_MeansGranted(string code)
    {
        var check = Send.Judge(Queue, Refusal(code, HttpStatusCode.BadRequest));

        Assert.Equal($"ok   queue {Queue} allows sqs:SendMessage (probe refused for its content: {code})", check.ToString());
    }

    [Fact]
    public void Judge_NoAnswer_IsUnknownNotAFailure()
    {
        var check = Send.Judge(Queue, new HttpRequestException("connection refused"));

        Assert.Equal(DoctorOutcome.Unknown, check.Outcome);
    }

    private static AmazonSQSException Refusal(string code, HttpStatusCode status) =>
        new("refused") { ErrorCode = code, StatusCode = status };
}

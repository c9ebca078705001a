using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

public sealed class SqsFailureTests
{
    [Theory]
    [InlineData("AccessDenied")]
    [InlineData("InvalidClientTokenId")]
    [InlineData("SignatureDoesNotMatch")]
    [InlineData("UnrecognizedClientException")]
    public void From_AuthorizationErrorCode_IsFatalWithOneLine(string code)
    {
        var error = new AmazonSQSException("denied", ErrorType.Sender, code, "req", HttpStatusCode.BadRequest);

        var failure = SqsFailure.From(error, "q");

        Assert.True(failure.IsFatal);
        Assert.Contains(code, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void From_MissingQueue_IsFatal()
    {
        Assert.True(SqsFailure.From(new QueueDoesNotExistException("gone"), "q").IsFatal);
    }

    [Fact]
    public void From_ConnectionRefused_IsTransient()
    {
        var error = new AmazonServiceException("wrapped", new HttpRequestException("refused", new System.Net.Sockets.SocketException(111)));

        var failure = SqsFailure.From(error, "q");

        Assert.False(failure.IsFatal);
    }

    [Fact]
    public void From_ServerError_IsTransient()
    {
        var error = new AmazonSQSException("busy", ErrorType.Receiver, "InternalError", "req", HttpStatusCode.InternalServerError);

        Assert.False(SqsFailure.From(error, "q").IsFatal);
    }
}

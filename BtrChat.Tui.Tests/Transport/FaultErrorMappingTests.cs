using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;

namespace BtrChat.Tests.Transport;

/// <summary>
/// Bad credentials, missing permissions, unusable KMS keys, throttling and server errors, as the SDK reports them
/// (the error codes AWS returns; the emulator accepts any credentials, so this is a unit test of the mapping).
/// Every line names the queue, is one line, and a fatal one says what to check.
/// </summary>
public sealed class FaultErrorMappingTests
{
    private const string Queue = "bob-to-alice.fifo";

    [Theory]
    [InlineData("AccessDenied", HttpStatusCode.Forbidden, "check the IAM permissions")]
    [InlineData("AccessDeniedException", HttpStatusCode.BadRequest, "check the IAM permissions")]
    [InlineData("InvalidClientTokenId", HttpStatusCode.Forbidden, "check the credentials")]
    [InlineData("UnrecognizedClientException", HttpStatusCode.BadRequest, "check the credentials")]
    [InlineData("SignatureDoesNotMatch", HttpStatusCode.Forbidden, "check the secret access key")]
    [InlineData("InvalidSecurity", HttpStatusCode.Forbidden, "check the endpoint uses https")]
    public void From_CredentialOrPermissionCode_IsFatalNamingQueueCodeAndWhatToCheck(string code, HttpStatusCode status, string check)
    {
        var failure = SqsFailure.From(Service(code, status), Queue);

        Assert.True(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains($"({code})", failure.Message, StringComparison.Ordinal);
        Assert.Contains(check, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AWS.SimpleQueueService.NonExistentQueue")]
    [InlineData("QueueDoesNotExist")]
    [InlineData("InvalidAddress")]
    public void From_MissingQueueCode_IsFatalSayingTheQueueDoesNotExistNotThatAccessWasRefused(string code)
    {
        var failure = SqsFailure.From(Service(code, HttpStatusCode.BadRequest), Queue);

        Assert.True(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains($"'{Queue}' does not exist", failure.Message, StringComparison.Ordinal);
        Assert.Contains("check the queue name and region", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("access", failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void From_QueueDoesNotExistExceptionAsTheSdkThrowsIt_IsTheSameLine()
    {
        var thrown = new QueueDoesNotExistException("The specified queue does not exist.", ErrorType.Sender, "AWS.SimpleQueueService.NonExistentQueue", "req", HttpStatusCode.BadRequest);

        Assert.Equal(SqsFailure.From(Service("QueueDoesNotExist", HttpStatusCode.BadRequest), Queue), SqsFailure.From(thrown, Queue));
    }

    [Theory]
    [InlineData("KMS.AccessDeniedException")]
    [InlineData("KMS.DisabledException")]
    [InlineData("KMS.NotFoundException")]
    [InlineData("KMS.InvalidStateException")]
    [InlineData("KMS.KeyUnavailableException")]
    [InlineData("KMS.InvalidKeyUsageException")]
    [InlineData("KMS.OptInRequired")]
    [InlineData("KmsAccessDenied")]
    [InlineData("KmsDisabled")]
    [InlineData("KmsNotFound")]
    [InlineData("KmsInvalidState")]
    public void From_KmsKeyCode_IsFatalNamingTheQueuesKey(string code)
    {
        var failure = SqsFailure.From(Service(code, HttpStatusCode.BadRequest), Queue);

        Assert.True(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains($"KMS key of '{Queue}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"({code})", failure.Message, StringComparison.Ordinal);
        Assert.Contains("check the key", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TypedKmsExceptionsAsTheSdkThrowsThem_AreFatal()
    {
        AmazonSQSException[] thrown =
        [
            new KmsAccessDeniedException("denied", ErrorType.Sender, "KMS.AccessDeniedException", "req", HttpStatusCode.BadRequest),
            new KmsDisabledException("disabled", ErrorType.Sender, "KMS.DisabledException", "req", HttpStatusCode.BadRequest),
            new KmsNotFoundException("not found", ErrorType.Sender, "KMS.NotFoundException", "req", HttpStatusCode.BadRequest),
            new KmsInvalidStateException("pending deletion", ErrorType.Sender, "KMS.InvalidStateException", "req", HttpStatusCode.BadRequest),
        ];

        Assert.All(thrown, e => Assert.True(SqsFailure.From(e, Queue).IsFatal, e.ErrorCode));
    }

    [Theory]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest)]
    [InlineData("Throttling", HttpStatusCode.BadRequest)]
    [InlineData("RequestThrottled", HttpStatusCode.Forbidden)]
    [InlineData("KMS.ThrottlingException", HttpStatusCode.BadRequest)]
    [InlineData("KmsThrottled", HttpStatusCode.BadRequest)]
    public void From_ThrottlingCode_IsTransientEvenWhenSentAs403(string code, HttpStatusCode status)
    {
        var failure = SqsFailure.From(Service(code, status), Queue);

        Assert.False(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains("throttling", failure.Message, StringComparison.Ordinal);
        Assert.Contains(code, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InternalError", HttpStatusCode.InternalServerError)]
    [InlineData("InternalFailure", HttpStatusCode.InternalServerError)]
    [InlineData("ServiceUnavailable", HttpStatusCode.ServiceUnavailable)]
    [InlineData(null, HttpStatusCode.BadGateway)]
    public void From_ServerError_IsTransientNamingTheQueue(string? code, HttpStatusCode status)
    {
        var failure = SqsFailure.From(Service(code, status), Queue);

        Assert.False(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains(code ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_403WithAnUnknownCode_IsFatalAskingToCheckCredentialsAndPermissions()
    {
        var failure = SqsFailure.From(Service("SomethingNew", HttpStatusCode.Forbidden), Queue);

        Assert.True(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains("check the credentials and IAM permissions", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ExpiredToken")]
    [InlineData("ExpiredTokenException")]
    public void From_ExpiredTemporaryCredentials_IsTransientAskingForFreshOnes(string code)
    {
        var failure = SqsFailure.From(Service(code, HttpStatusCode.Forbidden), Queue);

        Assert.False(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains("refresh them", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_TheSdksNoCredentialsException_IsFatalInOneLine()
    {
        // The text AWSSDK.Core 4 throws when the whole chain comes up empty (FaultNoCredentialsTests gets it for real).
        var thrown = new AmazonClientException(
            "Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\n\n"
            + "Exception 1 of 4: The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.\n"
            + "Exception 2 of 4: Unable to find the \"default\" profile.");

        var failure = SqsFailure.From(thrown, Queue);

        Assert.True(failure.IsFatal);
        Assert.StartsWith("no AWS credentials", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void From_ConnectionRefusedInsideTheSdksException_IsTransientNamingTheQueue()
    {
        var thrown = new AmazonServiceException("wrapped", new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)));

        var failure = SqsFailure.From(thrown, Queue);

        Assert.False(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains("cannot reach the SQS endpoint", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("KMS.DisabledException", false, true)]
    [InlineData("AccessDenied", false, true)]
    [InlineData("InvalidParameterValue", true, true)]
    [InlineData("InternalError", false, false)]
    public void FromBatchEntry_EntryCode_FatalWhenRetryingCannotHelp(string code, bool senderFault, bool fatal)
    {
        var failure = SqsFailure.FromBatchEntry(code, senderFault, Queue);

        Assert.Equal(fatal, failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains(code, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLarge_NamesTheQueueTheSizeAndTheLimit()
    {
        var failure = SqsFailure.TooLarge(Queue, 1464, 1024);

        Assert.True(failure.IsFatal);
        AssertOneLineNamingQueue(failure);
        Assert.Contains("1464 bytes", failure.Message, StringComparison.Ordinal);
        Assert.Contains("limit is 1024", failure.Message, StringComparison.Ordinal);
    }

    private static AmazonSQSException Service(string? code, HttpStatusCode status) =>
        new("from AWS", (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender, code, "req", status);

    private static void AssertOneLineNamingQueue(SqsFailure failure)
    {
        Assert.Contains($"'{Queue}'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.DoesNotContain('\r', failure.Message);
    }
}

using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.SQS.Model;

namespace BtrChat.Transport;

/// <summary>
/// Sorts SDK exceptions into "retry later" and "stop and tell the user", each with one line of text that names
/// the queue and, for the fatal ones, what to check. The fatal list follows AWS's own message-processing
/// framework: retrying cannot create a queue, a permission or a usable KMS key.
/// </summary>
/// <remarks>
/// The SDK reports SQS's query-compatible codes (<c>AWS.SimpleQueueService.NonExistentQueue</c>,
/// <c>KMS.DisabledException</c>) as <see cref="AmazonServiceException.ErrorCode"/>; the JSON protocol's own names
/// (<c>QueueDoesNotExist</c>, <c>KmsDisabled</c>) are listed too, for an endpoint that sends only those.
/// </remarks>
public sealed record SqsFailure(bool IsFatal, string Message)
{
    private static readonly HashSet<string> MissingQueueCodes = new(StringComparer.Ordinal)
    {
        "AWS.SimpleQueueService.NonExistentQueue",
        "QueueDoesNotExist",
        "InvalidAddress",
    };

    /// <summary>The access key itself is unknown to AWS.</summary>
    private static readonly HashSet<string> UnknownKeyCodes = new(StringComparer.Ordinal)
    {
        "InvalidClientTokenId",
        "UnrecognizedClientException",
    };

    private static readonly HashSet<string> SignatureCodes = new(StringComparer.Ordinal)
    {
        "SignatureDoesNotMatch",
    };

    /// <summary>The caller is known but not allowed (IAM or queue policy).</summary>
    private static readonly HashSet<string> DeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied",
        "AccessDeniedException",
    };

    /// <summary>The queue is encrypted with a KMS key this caller cannot use.</summary>
    private static readonly HashSet<string> KmsCodes = new(StringComparer.Ordinal)
    {
        "KMS.AccessDeniedException",
        "KMS.DisabledException",
        "KMS.NotFoundException",
        "KMS.InvalidStateException",
        "KMS.KeyUnavailableException",
        "KMS.InvalidKeyUsageException",
        "KMS.OptInRequired",
        "KmsAccessDenied",
        "KmsDisabled",
        "KmsNotFound",
        "KmsInvalidState",
        "KmsInvalidKeyUsage",
        "KmsOptInRequired",
    };

    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "Throttling",
        "RequestThrottled",
        "KMS.ThrottlingException",
        "KmsThrottled",
    };

    /// <summary>Temporary credentials that ran out: transient, since the SDK picks up refreshed ones on the next request.</summary>
    private static readonly HashSet<string> ExpiredCodes = new(StringComparer.Ordinal)
    {
        "ExpiredToken",
        "ExpiredTokenException",
    };

    public static SqsFailure From(Exception exception, string queueName) => exception switch
    {
        QueueDoesNotExistException => MissingQueue(queueName),
        AmazonServiceException { ErrorCode: { } code } when Classify(code, queueName) is { } known => known,
        AmazonServiceException { StatusCode: HttpStatusCode.Forbidden } =>
            new(true, $"SQS refused access to '{queueName}' (403): check the credentials and IAM permissions"),
        AmazonClientException when IsMissingCredentials(exception) =>
            new(true, "no AWS credentials found (environment, profile or SSO): see README"),
        AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } service =>
            new(false, $"SQS server error on '{queueName}' ({CodeOf(service)})"),
        _ when IsConnectivity(exception) => new(false, $"cannot reach the SQS endpoint for '{queueName}'"),
        AmazonServiceException service =>
            new(false, $"SQS error on '{queueName}' ({CodeOf(service)})"),
        _ => new(false, $"SQS call for '{queueName}' failed ({exception.GetType().Name})"),
    };

    /// <summary>One entry of a batch refused by SQS: the request got through, so only the entry's code says why.</summary>
    /// <remarks>A sender fault (a malformed or oversized entry) will not succeed on a retry either.</remarks>
    public static SqsFailure FromBatchEntry(string? code, bool senderFault, string queueName) =>
        code is not null && Classify(code, queueName) is { IsFatal: true } known
            ? known
            : new(senderFault, $"SQS refused the message for '{queueName}' ({code ?? "unknown"})");

    /// <summary>A body larger than the queue's MaximumMessageSize: refused before sending, since SQS would refuse it too.</summary>
    public static SqsFailure TooLarge(string queueName, int bytes, int limit) =>
        new(true, $"too large for '{queueName}': {bytes} bytes sealed, the queue's limit is {limit}");

    private static SqsFailure MissingQueue(string queueName) =>
        new(true, $"queue '{queueName}' does not exist on this endpoint: check the queue name and region");

    private static SqsFailure? Classify(string code, string queueName)
    {
        if (MissingQueueCodes.Contains(code))
        {
            return MissingQueue(queueName);
        }

        if (UnknownKeyCodes.Contains(code))
        {
            return new(true, $"SQS does not know the access key used for '{queueName}' ({code}): check the credentials");
        }

        if (SignatureCodes.Contains(code))
        {
            return new(true, $"SQS rejected the signature for '{queueName}' ({code}): check the secret access key");
        }

        if (code == "InvalidSecurity")
        {
            return new(true, $"SQS refused an insecure request for '{queueName}' ({code}): check the endpoint uses https");
        }

        if (DeniedCodes.Contains(code))
        {
            return new(true, $"SQS refused access to '{queueName}' ({code}): check the IAM permissions for this queue");
        }

        if (KmsCodes.Contains(code))
        {
            return new(true, $"the KMS key of '{queueName}' cannot be used ({code}): check the key and its permissions");
        }

        if (ThrottlingCodes.Contains(code))
        {
            return new(false, $"SQS is throttling requests for '{queueName}' ({code})");
        }

        if (ExpiredCodes.Contains(code))
        {
            return new(false, $"the AWS credentials for '{queueName}' expired ({code}): refresh them");
        }

        return null;
    }

    private static string CodeOf(AmazonServiceException service) =>
        service.ErrorCode ?? ((int)service.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsMissingCredentials(Exception exception) =>
        exception.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase);

    private static bool IsConnectivity(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or IOException or TimeoutException or TaskCanceledException)
            {
                return true;
            }
        }

        return false;
    }
}

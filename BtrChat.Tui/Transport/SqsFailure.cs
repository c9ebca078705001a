using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.SQS.Model;

namespace BtrChat.Transport;

/// <summary>
/// Sorts SDK exceptions into "retry later" and "stop and tell the user", each with one line of text.
/// The fatal list follows AWS's own message-processing framework: retrying cannot create a queue or a permission.
/// </summary>
public sealed record SqsFailure(bool IsFatal, string Message)
{
    private static readonly HashSet<string> FatalErrorCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied",
        "AccessDeniedException",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "SignatureDoesNotMatch",
        "InvalidSecurity",
        "AWS.SimpleQueueService.NonExistentQueue",
        "QueueDoesNotExist",
    };

    public static SqsFailure From(Exception exception, string queueName) => exception switch
    {
        QueueDoesNotExistException => new(true, $"queue '{queueName}' does not exist on this endpoint"),
        AmazonServiceException { ErrorCode: { } code } when FatalErrorCodes.Contains(code) =>
            new(true, $"SQS refused access to '{queueName}' ({code}): check credentials and permissions"),
        AmazonServiceException { StatusCode: System.Net.HttpStatusCode.Forbidden } =>
            new(true, $"SQS refused access to '{queueName}': check credentials and permissions"),
        AmazonClientException when IsMissingCredentials(exception) =>
            new(true, "no AWS credentials found (environment, profile or SSO): see README"),
        AmazonServiceException service => new(false, $"SQS error {service.ErrorCode ?? service.StatusCode.ToString()}"),
        _ when IsConnectivity(exception) => new(false, "cannot reach the SQS endpoint"),
        _ => new(false, $"SQS call failed ({exception.GetType().Name})"),
    };

    /// <summary>One entry of a batch refused by SQS: the request got through, so only the entry's code says why.</summary>
    /// <remarks>A sender fault (a malformed or oversized entry) will not succeed on a retry either.</remarks>
    public static SqsFailure FromBatchEntry(string? code, bool senderFault, string queueName) =>
        new(senderFault || (code is not null && FatalErrorCodes.Contains(code)), $"SQS refused the message for '{queueName}' ({code ?? "unknown"})");

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

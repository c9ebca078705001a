using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;

namespace BtrChat.Cli;

/// <summary>
/// Whether IAM lets this caller make a call btrchat makes on a queue, found without changing the queue: each probe
/// is a request SQS must refuse for its content (an empty body, 11 messages at once, a receipt handle that names no
/// message). SQS asks IAM before it reads the content, so a denial means the permission is missing, and any other
/// refusal means it is granted. (GetQueueUrl and GetQueueAttributes are proven by the queue's own check.)
/// </summary>
public sealed record PermissionProbe(string Action, Func<IAmazonSQS, string, CancellationToken, Task> Call)
{
    private const string NoSuchReceipt = "btrchat-doctor-probe";

    public static readonly PermissionProbe[] ForTx =
    [
        new("sqs:SendMessage", (sqs, url, token) => sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = string.Empty }, token)),
    ];

    public static readonly PermissionProbe[] ForRx =
    [
        // Should an endpoint take 11 anyway, a zero visibility timeout leaves what it returns in the queue.
        new("sqs:ReceiveMessage", (sqs, url, token) => sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 11, VisibilityTimeout = 0, WaitTimeSeconds = 0 }, token)),
        new("sqs:DeleteMessage", (sqs, url, token) => sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = url, ReceiptHandle = NoSuchReceipt }, token)),
        new("sqs:ChangeMessageVisibility", (sqs, url, token) => sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest { QueueUrl = url, ReceiptHandle = NoSuchReceipt, VisibilityTimeout = 0 }, token)),
    ];

    public async Task<DoctorCheck> CheckAsync(IAmazonSQS sqs, string queueName, string url, CancellationToken cancellationToken)
    {
        try
        {
            await Call(sqs, url, cancellationToken);
            return Granted(queueName, "the endpoint took the probe as it was");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return Judge(queueName, e);
        }
    }

    /// <summary>What the refusal of a probe says about the permission.</summary>
    public DoctorCheck Judge(string queueName, Exception refusal)
    {
        var what = $"queue {queueName} allows {Action}";
        return refusal switch
        {
            AmazonServiceException { ErrorCode: "AccessDenied" or "AccessDeniedException" } denied =>
                DoctorCheck.Fail(what, $"denied ({denied.ErrorCode})", "attach the IAM policy btrchat setup printed for this person"),
            AmazonServiceException { StatusCode: HttpStatusCode.Forbidden } forbidden =>
                DoctorCheck.FromSqsFailure(what, SqsFailure.From(forbidden, queueName).Message, "check the credentials"),
            AmazonServiceException { StatusCode: < HttpStatusCode.InternalServerError } refused =>
                Granted(queueName, $"probe refused for its content: {refused.ErrorCode ?? ((int)refused.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
            _ => DoctorCheck.Unknown(what, $"the probe did not get an answer ({refusal.GetType().Name})"),
        };
    }

    private DoctorCheck Granted(string queueName, string how) => DoctorCheck.Ok($"queue {queueName} allows {Action} ({how})");
}

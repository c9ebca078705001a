using System.Text;
using System.Text.Json;

namespace BtrChat.Cli;

/// <summary>The least-privilege IAM policy for one person: send on their queue to the peer, read their queue from the peer.</summary>
/// <remarks>
/// SQS authorises the batch calls the app makes (SendMessageBatch, DeleteMessageBatch) under sqs:SendMessage and
/// sqs:DeleteMessage. GetQueueUrl and GetQueueAttributes are granted on both queues because at start the app resolves
/// both URLs and reads the send queue's MaximumMessageSize (and the receive queue's depth) from its attributes.
/// </remarks>
public static class IamPolicy
{
    public static readonly IReadOnlyList<string> SendActions = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"];

    public static readonly IReadOnlyList<string> ReceiveActions =
        ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"];

    public static string Build(string txQueueArn, string rxQueueArn)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            Statement(json, "BtrchatSend", SendActions, txQueueArn);
            Statement(json, "BtrchatReceive", ReceiveActions, rxQueueArn);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Statement(Utf8JsonWriter json, string sid, IReadOnlyList<string> actions, string arn)
    {
        json.WriteStartObject();
        json.WriteString("Sid", sid);
        json.WriteString("Effect", "Allow");
        json.WriteStartArray("Action");
        foreach (var action in actions)
        {
            json.WriteStringValue(action);
        }

        json.WriteEndArray();
        json.WriteString("Resource", arn);
        json.WriteEndObject();
    }
}

using Amazon.SQS;
using Amazon.SQS.Model;
using BtrChat.Transport;

namespace BtrChat.Cli;

/// <summary>
/// Creates one chat queue with btrchat's attributes and tags, or brings an existing one in line, changing only
/// what differs so a second run is a no-op.
/// </summary>
public static class QueueSetup
{
    /// <summary>Fourteen days, SQS's maximum: a peer away for a holiday still finds the messages.</summary>
    public const int RetentionSeconds = 1_209_600;

    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string> { ["app"] = "btrchat" };

    /// <param name="Arn">The queue's ARN, as SQS reports it (for the IAM policy).</param>
    /// <param name="Changes">What this run did; empty when the queue was already as wanted.</param>
    public sealed record Outcome(string Name, string Arn, IReadOnlyList<string> Changes);

    public static Dictionary<string, string> WantedAttributes(bool fifo)
    {
        var attributes = new Dictionary<string, string>
        {
            ["SqsManagedSseEnabled"] = "true",
            ["MessageRetentionPeriod"] = RetentionSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["VisibilityTimeout"] = SqsMessageQueue.VisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (fifo)
        {
            attributes["FifoQueue"] = "true";
            attributes["ContentBasedDeduplication"] = "true";
        }

        return attributes;
    }

    public static async Task<Outcome> EnsureAsync(IAmazonSQS sqs, string name, bool fifo, CancellationToken cancellationToken)
    {
        var wanted = WantedAttributes(fifo);
        string url;
        var changes = new List<string>();
        try
        {
            url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            url = (await sqs.CreateQueueAsync(
                new CreateQueueRequest { QueueName = name, Attributes = wanted, Tags = new Dictionary<string, string>(Tags) },
                cancellationToken)).QueueUrl;
            return new Outcome(name, await ArnAsync(sqs, url, cancellationToken), ["created"]);
        }

        var current = (await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["All"] },
            cancellationToken)).Attributes ?? [];
        var update = new Dictionary<string, string>();
        foreach (var (key, value) in wanted)
        {
            // FifoQueue is fixed by the name's .fifo suffix. An attribute the endpoint does not report (the emulator
            // has no SqsManagedSseEnabled) cannot be compared, so re-applying it would report a change on every run.
            // A queue encrypted with a customer KMS key is left alone: SQS-managed SSE would replace that choice.
            if (key == "FifoQueue"
                || !current.TryGetValue(key, out var now)
                || string.Equals(now, value, StringComparison.OrdinalIgnoreCase)
                || (key == "SqsManagedSseEnabled" && current.TryGetValue("KmsMasterKeyId", out var kms) && !string.IsNullOrEmpty(kms)))
            {
                continue;
            }

            update[key] = value;
            changes.Add($"{key} {now} -> {value}");
        }

        if (update.Count > 0)
        {
            await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest { QueueUrl = url, Attributes = update }, cancellationToken);
        }

        var tags = (await sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url }, cancellationToken)).Tags ?? [];
        var missingTags = Tags.Where(t => !tags.TryGetValue(t.Key, out var v) || v != t.Value).ToDictionary(t => t.Key, t => t.Value);
        if (missingTags.Count > 0)
        {
            await sqs.TagQueueAsync(new TagQueueRequest { QueueUrl = url, Tags = missingTags }, cancellationToken);
            changes.AddRange(missingTags.Select(t => $"tag {t.Key}={t.Value}"));
        }

        var arn = current.TryGetValue("QueueArn", out var reported) ? reported : await ArnAsync(sqs, url, cancellationToken);
        return new Outcome(name, arn, changes);
    }

    private static async Task<string> ArnAsync(IAmazonSQS sqs, string url, CancellationToken cancellationToken)
    {
        var attributes = (await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] },
            cancellationToken)).Attributes;
        return attributes is not null && attributes.TryGetValue("QueueArn", out var arn)
            ? arn
            : throw new InvalidOperationException($"SQS did not report the ARN of '{url}'");
    }
}

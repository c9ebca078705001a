using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace BtrChat.Tests.Support;

/// <summary>SDK calls the tests make directly against an emulator endpoint, shared by the suite's and the private emulators.</summary>
public static class EmulatorClient
{
    public static IAmazonSQS Create(string endpoint) =>
        new AmazonSQSClient(
            new BasicAWSCredentials("btrchat-tests", "btrchat-tests"),
            new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    /// <summary>Visible plus in-flight messages: zero means everything that arrived was deleted.</summary>
    public static async Task<int> CountMessagesAsync(string endpoint, string queueName)
    {
        using var client = Create(endpoint);
        var url = (await client.GetQueueUrlAsync(queueName)).QueueUrl;
        var attributes = await client.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = url,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return int.Parse(attributes.Attributes["ApproximateNumberOfMessages"], System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(attributes.Attributes["ApproximateNumberOfMessagesNotVisible"], System.Globalization.CultureInfo.InvariantCulture);
    }
}

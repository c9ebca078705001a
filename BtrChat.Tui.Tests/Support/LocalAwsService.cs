using System.Net;
using System.Text;

namespace BtrChat.Tests.Support;

/// <summary>
/// A stand-in for an AWS service that only hands out credentials (the SSO portal, STS), on a loopback port the SDK is
/// sent to with its per-service endpoint variable (AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_STS). Every request is kept,
/// with the headers that show who signed it.
/// </summary>
public sealed class LocalAwsService : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _requests = [];
    private readonly Task _serving;

    public LocalAwsService(string contentType, string body)
    {
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }

        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = ServeAsync(contentType, Encoding.UTF8.GetBytes(body));
    }

    public string Url { get; }

    /// <summary>"METHOD path-and-query | x-amz-sso_bearer_token | Authorization | body", one per request.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync(string contentType, byte[] body)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var request = context.Request;
                var line = $"{request.HttpMethod} {request.RawUrl} | {request.Headers["x-amz-sso_bearer_token"]} | {request.Headers["Authorization"]} | {await reader.ReadToEndAsync()}";
                lock (_requests)
                {
                    _requests.Add(line);
                }
            }

            context.Response.ContentType = contentType;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}

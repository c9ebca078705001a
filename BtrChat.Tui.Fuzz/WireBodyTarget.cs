using System.Text;
using BtrChat.Protocol;

namespace BtrChat.Fuzz;

/// <summary>
/// A queue message body, as SQS hands it over (UTF-8 text): WireBody classifies it and reads a cleartext
/// handshake frame without throwing, and accepts only a hello or confirm in exactly the text it would write.
/// </summary>
public static class WireBodyTarget
{
    public static void Run(byte[] input)
    {
        string body = Encoding.UTF8.GetString(input);
        WireBodyKind kind = WireBody.Classify(body);
        if (!WireBody.TryDecodeCleartext(body, out Envelope? envelope, out EnvelopeFailure failure))
        {
            FuzzDefect.Unless(envelope is null && failure != EnvelopeFailure.None, "a refusal has a reason and no envelope");
            return;
        }

        FuzzDefect.Unless(kind == WireBodyKind.Cleartext, "an accepted body classifies as cleartext");
        FuzzDefect.Unless(envelope.Kind is EnvelopeKind.Hello or EnvelopeKind.Confirm, "cleartext holds only handshake frames");
        FuzzDefect.Unless(WireBody.Cleartext(envelope) == body, "an accepted body is the one text the encoder writes");
    }
}

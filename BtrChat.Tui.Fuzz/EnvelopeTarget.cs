using BtrChat.Protocol;

namespace BtrChat.Fuzz;

/// <summary>
/// EnvelopeCodec.TryDecode is total and canonical: any bytes give an envelope or a failure, and an envelope
/// re-encodes to exactly the bytes it came from. Whatever payload accessor fits the kind (a receipt's
/// acknowledgement, a data envelope's id and text) reads it without throwing, and the factory rebuilds the same envelope.
/// </summary>
public static class EnvelopeTarget
{
    public static void Run(byte[] input)
    {
        if (!EnvelopeCodec.TryDecode(input, out Envelope? envelope, out EnvelopeFailure failure))
        {
            FuzzDefect.Unless(envelope is null && failure != EnvelopeFailure.None, "a refusal has a reason and no envelope");
            return;
        }

        FuzzDefect.Unless(failure == EnvelopeFailure.None, "a decoded envelope has no failure");
        FuzzDefect.Unless(EnvelopeCodec.Encode(envelope).AsSpan().SequenceEqual(input), "a decoded envelope re-encodes to its bytes");
        FuzzDefect.Unless(envelope.Equals(Rebuild(envelope)), "the factory rebuilds a decoded envelope");
    }

    private static Envelope Rebuild(Envelope e) => e.Kind switch
    {
        EnvelopeKind.Hello => Envelope.Hello(e.SenderRole, e.Sender, e.Payload.Span),
        EnvelopeKind.Confirm => Envelope.Confirm(e.SenderRole, e.Sender, e.Recipient, e.Payload.Span),
        EnvelopeKind.Data => Envelope.Data(e.SenderRole, e.Sender, e.Recipient, e.Sequence, e.MessageId, e.Text),
        EnvelopeKind.Receipt => Envelope.Receipt(e.SenderRole, e.Sender, e.Recipient, e.Sequence, e.AcknowledgedThrough),
        _ => throw new FuzzDefect($"decoded an envelope of unknown kind {(byte)e.Kind}"),
    };
}

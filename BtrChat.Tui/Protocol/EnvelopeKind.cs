namespace BtrChat.Protocol;

/// <summary>What an envelope carries; each value is the kind byte on the wire.</summary>
public enum EnvelopeKind : byte
{
    /// <summary>A SPAKE2 share, sent in cleartext to open a handshake.</summary>
    Hello = 1,

    /// <summary>A SPAKE2 confirmation MAC, sent in cleartext to prove the same password.</summary>
    Confirm = 2,

    /// <summary>A chat message: its id and text. Travels only sealed.</summary>
    Data = 3,

    /// <summary>Acknowledges the peer's data envelopes up to a sequence number. Travels only sealed.</summary>
    Receipt = 4,
}

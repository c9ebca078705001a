namespace BtrChat.Protocol;

/// <summary>Why a frame or a cleartext wire body was refused; <see cref="None"/> for one that decoded.</summary>
public enum EnvelopeFailure
{
    None,

    /// <summary>Fewer bytes than the smallest bucket (64), including none at all.</summary>
    TooShort,

    /// <summary>More bytes than <see cref="EnvelopeCodec.MaxEnvelopeSize"/>, or a cleartext body longer than <see cref="WireBody.MaxCleartextLength"/>.</summary>
    TooLarge,

    /// <summary>A length between the smallest and largest bucket that is not itself a bucket size.</summary>
    NotABucketSize,

    /// <summary>The version byte is not 1, the only version there is.</summary>
    UnknownVersion,

    /// <summary>The kind byte is not one of <see cref="EnvelopeKind"/>.</summary>
    UnknownKind,

    /// <summary>The role byte is neither 'A' nor 'B'.</summary>
    UnknownRole,

    /// <summary>The payload length field claims more bytes than the frame has after the header.</summary>
    LengthOutOfRange,

    /// <summary>The frame is a bucket size, but not the smallest one that holds its payload.</summary>
    WrongBucket,

    /// <summary>A byte after the payload is not zero.</summary>
    NonZeroPadding,

    /// <summary>
    /// The fields do not fit the kind: a payload of the wrong length or shape, text that is not valid UTF-8,
    /// a zero sender, a hello with a recipient or a later frame without one, a hello or confirm with a
    /// sequence number, a data or receipt frame without one, or a receipt acknowledging nothing.
    /// </summary>
    BadPayload,

    /// <summary>A wire body without the cleartext prefix "btr1:".</summary>
    NotCleartext,

    /// <summary>The text after the cleartext prefix is not canonical padded base64url.</summary>
    BadEncoding,

    /// <summary>A data or receipt envelope arrived in cleartext; those travel only inside a Fernet token.</summary>
    SealedKindInCleartext,
}

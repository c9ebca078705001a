namespace BtrChat.Protocol;

/// <summary>Which form an SQS message body takes in <c>pin</c> mode, judged by its first characters alone.</summary>
public enum WireBodyKind
{
    /// <summary>Neither form: from another program, another version, or corrupted.</summary>
    Unknown,

    /// <summary>"btr1:" and a padded base64url envelope: a hello or a confirm.</summary>
    Cleartext,

    /// <summary>A Fernet token ("gAAAAA…") whose plaintext is an encoded data or receipt envelope.</summary>
    Token,
}

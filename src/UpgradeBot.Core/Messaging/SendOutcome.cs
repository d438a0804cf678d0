namespace UpgradeBot.Core.Messaging;

public enum SendOutcome
{
    Sent,

    /// <summary>Worth trying again later: rate limited, 5xx, timeout, unreachable, a token an operator can fix.</summary>
    RetryLater,

    /// <summary>Retrying cannot help: the conversation is gone for us, or the receiver refused the request itself.</summary>
    Permanent,
}

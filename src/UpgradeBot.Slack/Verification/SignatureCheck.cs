namespace UpgradeBot.Slack.Verification;

public enum SignatureCheck
{
    Valid,
    NoSecret,
    MissingHeaders,
    BadTimestamp,
    StaleTimestamp,
    Mismatch,
}

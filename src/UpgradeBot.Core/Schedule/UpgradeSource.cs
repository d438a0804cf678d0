namespace UpgradeBot.Core.Schedule;

/// <summary>
/// Who owns an upgrade window: configuration (reconciled at start), the admin API, or the status
/// page feed (<c>UpgradeFeed</c>). Stored by name, so a member is never renamed.
/// </summary>
public enum UpgradeSource
{
    Configuration,
    Admin,
    Feed,
}

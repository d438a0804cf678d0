namespace UpgradeBot.Core.Announcements;

public enum AnnouncementState
{
    Pending,
    Sent,

    /// <summary>Given up: the channel refused for good, or transient failures ran out of attempts.</summary>
    Failed,

    /// <summary>Not sent because it no longer applies (window revised, cancelled or deleted; subscription gone).</summary>
    Dropped,
}

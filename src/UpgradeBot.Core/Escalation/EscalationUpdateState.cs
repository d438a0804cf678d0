namespace UpgradeBot.Core.Escalation;

/// <summary>How far an update row has got.</summary>
public enum EscalationUpdateState
{
    Pending,

    Sent,

    /// <summary>There was nothing to update (no post to update in place, no conversation to tell).</summary>
    Skipped,

    /// <summary>Gave up after the configured attempts, or refused for good.</summary>
    Failed,
}

namespace UpgradeBot.Core.Escalation;

public enum EscalationChangeOutcome
{
    /// <summary>The escalation moved to the asked state.</summary>
    Changed,

    /// <summary>It had already reached that state or a later one; nothing changed.</summary>
    AlreadyDone,

    /// <summary>There is no escalation with that reference.</summary>
    NotFound,

    /// <summary>The one asking may not change it (not in the Customer Champions conversation).</summary>
    Refused,

    /// <summary>What came with it cannot be used (a note too long, or not text).</summary>
    Invalid,
}

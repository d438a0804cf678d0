namespace UpgradeBot.Core.Knowledge;

/// <summary>How the answer composer treats a topic; the kinds are fixed, the topics are data.</summary>
public enum TopicKind
{
    /// <summary>Something an upgrade can cause; judged by the timing rule.</summary>
    Symptom,

    /// <summary>Something upgrades never cause (the Licensing graphs): always not upgrade-related.</summary>
    Unaffected,

    /// <summary>A question about the upgrade schedule itself.</summary>
    Status,

    /// <summary>The user asks for a human.</summary>
    Escalate,

    /// <summary>The user asks what the bot can do.</summary>
    Help,
}

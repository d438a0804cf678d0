namespace UpgradeBot.Core.Schedule;

/// <summary>Whether a symptom is explained by an upgrade. <see cref="None"/> is for non-symptom topics.</summary>
public enum Verdict
{
    None,
    ExpectedDuringUpgrade,
    SettlingAfterUpgrade,
    PersistingEscalate,
    NotUpgradeRelated,
}

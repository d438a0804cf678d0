namespace UpgradeBot.Core.Schedule;

public static class VerdictNames
{
    public static string ToWire(this Verdict verdict) => verdict switch
    {
        Verdict.None => "none",
        Verdict.ExpectedDuringUpgrade => "expected-during-upgrade",
        Verdict.SettlingAfterUpgrade => "settling-after-upgrade",
        Verdict.PersistingEscalate => "persisting-escalate",
        Verdict.NotUpgradeRelated => "not-upgrade-related",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static bool TryParse(string? wire, out Verdict verdict)
    {
        foreach (var candidate in Enum.GetValues<Verdict>())
        {
            if (string.Equals(candidate.ToWire(), wire, StringComparison.Ordinal))
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = default;
        return false;
    }
}

namespace UpgradeBot.Core.Knowledge;

/// <summary>One reading's match spec (a topic's or a decline's) with its terms resolved to ids.</summary>
internal sealed class MatchRule(double[] weights, int[][] require, int[] exclude, double minScore)
{
    public double MinScore { get; } = minScore;

    /// <summary>The summed weight of the present terms, or 0 when a requirement or exclusion rules the reading out.</summary>
    public double Score(ReadOnlySpan<bool> present)
    {
        foreach (var id in exclude)
        {
            if (present[id])
            {
                return 0;
            }
        }

        foreach (var group in require)
        {
            if (!AnyPresent(group, present))
            {
                return 0;
            }
        }

        var score = 0.0;
        for (var id = 0; id < weights.Length; id++)
        {
            if (present[id])
            {
                score += weights[id];
            }
        }

        return score;
    }

    private static bool AnyPresent(int[] ids, ReadOnlySpan<bool> present)
    {
        foreach (var id in ids)
        {
            if (present[id])
            {
                return true;
            }
        }

        return false;
    }
}

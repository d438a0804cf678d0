namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// Offline matcher: reduces the question to canonical terms with the knowledge file's lexicon,
/// then scores every topic by the weights of the distinct terms it mentions. A topic only
/// competes when each of its required groups is present and none of its exclusions is; the
/// best competitor must still reach its own minimum score, otherwise the question is out of
/// scope. Everything is precomputed at load; a question costs one pass over its words.
/// </summary>
public sealed class QuestionMatcher : IQuestionMatcher
{
    /// <summary>Questions are chat messages; anything beyond this is pasted logs, not a question.</summary>
    private const int MaxQuestionLength = 2000;

    private readonly Lexicon _lexicon;
    private readonly Dictionary<string, int> _termIds;
    private readonly TopicRule[] _rules;

    internal QuestionMatcher(Lexicon lexicon, Dictionary<string, int> termIds, TopicRule[] rules)
    {
        _lexicon = lexicon;
        _termIds = termIds;
        _rules = rules;
    }

    public TopicMatch Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question;

        Span<bool> present = _termIds.Count <= 1024 ? stackalloc bool[_termIds.Count] : new bool[_termIds.Count];
        foreach (var term in _lexicon.Terms(text))
        {
            if (_termIds.TryGetValue(term, out var id))
            {
                present[id] = true;
            }
        }

        TopicRule? best = null;
        var bestScore = 0.0;
        foreach (var rule in _rules)
        {
            var score = rule.Score(present);
            if (score >= rule.MinScore && score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        return new TopicMatch(best?.Topic, bestScore);
    }
}

/// <summary>One topic's match spec with its terms resolved to ids.</summary>
internal sealed class TopicRule(Topic topic, double[] weights, int[][] require, int[] exclude, double minScore)
{
    public Topic Topic { get; } = topic;

    public double MinScore { get; } = minScore;

    /// <summary>The summed weight of the present terms, or 0 when a requirement or exclusion rules the topic out.</summary>
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

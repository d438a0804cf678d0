namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// Offline matcher: reduces the question to canonical terms with the knowledge file's lexicon,
/// then scores every reading by the weights of the distinct terms it mentions. A reading only
/// counts when each of its required groups is present, none of its exclusions is, and it
/// reaches its own minimum score. Declines are checked first: when one counts, the question is
/// out of scope whatever topic it also mentions, because a confident wrong answer costs the
/// asker more than "not mine". Otherwise the best topic wins, unless another topic comes within
/// the file's close-call margin of it: two readings that close are a guess, so none wins.
/// A message can hold several sentences or clauses: one that only says something is fine (the
/// file's reassurance: "the licensing graph is fine, but…") is left out when the rest of the
/// message still says something. Everything is precomputed at load; a question costs one pass
/// over its words.
/// </summary>
public sealed class QuestionMatcher : IQuestionMatcher
{
    /// <summary>Questions are chat messages; anything beyond this is pasted logs, not a question.</summary>
    private const int MaxQuestionLength = 2000;

    private readonly Lexicon _lexicon;
    private readonly Dictionary<string, int> _termIds;
    private readonly Topic[] _topics;
    private readonly MatchRule[] _topicRules;
    private readonly Decline[] _declines;
    private readonly MatchRule[] _declineRules;
    private readonly MatchRule? _reassurance;
    private readonly double _closeCall;

    internal QuestionMatcher(
        Lexicon lexicon,
        Dictionary<string, int> termIds,
        IEnumerable<(Topic Topic, MatchRule Rule)> topics,
        IEnumerable<(Decline Decline, MatchRule Rule)> declines,
        MatchRule? reassurance,
        double closeCall)
    {
        _lexicon = lexicon;
        _termIds = termIds;
        (_topics, _topicRules) = Split(topics);
        (_declines, _declineRules) = Split(declines);
        _reassurance = reassurance;
        _closeCall = closeCall;
    }

    public TopicMatch Match(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question;

        var count = _termIds.Count;
        Span<bool> all = count <= 512 ? stackalloc bool[count] : new bool[count];
        Span<bool> kept = count <= 512 ? stackalloc bool[count] : new bool[count];
        Span<bool> clause = count <= 512 ? stackalloc bool[count] : new bool[count];
        var leftOut = false;
        foreach (var term in _lexicon.Terms(text))
        {
            if (term == Lexicon.ClauseBreak)
            {
                leftOut |= EndClause(clause, kept);
            }
            else if (_termIds.TryGetValue(term, out var id))
            {
                clause[id] = true;
                all[id] = true;
            }
        }

        leftOut |= EndClause(clause, kept);
        ReadOnlySpan<bool> present = leftOut && kept.Contains(true) ? kept : all;

        var (decline, declineScore, _) = Best(_declineRules, present);
        if (decline >= 0)
        {
            return new TopicMatch(null, declineScore, _declines[decline].Id);
        }

        var (topic, score, runnerUp) = Best(_topicRules, present);
        return new TopicMatch(topic < 0 || runnerUp >= score - _closeCall ? null : _topics[topic], score);
    }

    /// <summary>Adds the clause's terms to <paramref name="kept"/> unless it is a reassurance; clears it for the next clause.</summary>
    /// <returns>True when the clause was left out.</returns>
    private bool EndClause(Span<bool> clause, Span<bool> kept)
    {
        var reassures = _reassurance is not null && _reassurance.Score(clause) >= _reassurance.MinScore;
        if (!reassures)
        {
            for (var i = 0; i < clause.Length; i++)
            {
                kept[i] |= clause[i];
            }
        }

        clause.Clear();
        return reassures;
    }

    /// <summary>
    /// The index of the highest-scoring rule that counts (the first on a tie) or -1, its score,
    /// and the next best score of a rule that counts (0 when no other does).
    /// </summary>
    private static (int Index, double Score, double RunnerUp) Best(MatchRule[] rules, ReadOnlySpan<bool> present)
    {
        var best = -1;
        var bestScore = 0.0;
        var runnerUp = 0.0;
        for (var i = 0; i < rules.Length; i++)
        {
            var score = rules[i].Score(present);
            if (score < rules[i].MinScore)
            {
                continue;
            }

            if (score > bestScore)
            {
                runnerUp = bestScore;
                best = i;
                bestScore = score;
            }
            else
            {
                runnerUp = Math.Max(runnerUp, score);
            }
        }

        return (best, bestScore, runnerUp);
    }

    private static (T[] Items, MatchRule[] Rules) Split<T>(IEnumerable<(T Item, MatchRule Rule)> pairs)
    {
        var list = pairs.ToList();
        return ([.. list.Select(p => p.Item)], [.. list.Select(p => p.Rule)]);
    }
}

namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// Reduces text to canonical terms: words are stemmed, misspellings of known words corrected,
/// multi-word phrases ("not yet started") and synonyms ("chart" for "graph") folded into one
/// term, and stopwords dropped. Sentence ends and the file's clause-break words ("but") come
/// out as <see cref="ClauseBreak"/>; a sentence that opens with one of the file's sentence
/// starts ("can", "does") also yields that start's term, since the opening word is what makes
/// it a question about how something works. Built once from the knowledge file; read-only
/// afterwards, so one instance serves concurrent questions.
/// </summary>
internal sealed class Lexicon
{
    public const string ClauseBreak = TextNormalizer.SentenceBreak;

    /// <summary>Words shorter than this are never corrected: too many real words sit one edit apart.</summary>
    private const int MinCorrectableLength = 5;

    /// <summary>From this length a word may be two edits away from what was meant.</summary>
    private const int MinTwoEditLength = 8;

    private readonly HashSet<string> _stopwords;
    private readonly HashSet<string> _clauseBreaks;
    private readonly Dictionary<string, string> _sentenceStarts;
    private readonly Dictionary<string, string> _canonicalByStem;
    private readonly Dictionary<string, Phrase[]> _phrasesByFirstKey;
    private readonly SpellingCorrector _speller;

    private Lexicon(
        HashSet<string> stopwords,
        HashSet<string> clauseBreaks,
        Dictionary<string, string> sentenceStarts,
        Dictionary<string, string> canonicalByStem,
        Dictionary<string, Phrase[]> phrasesByFirstKey,
        SpellingCorrector speller)
    {
        _stopwords = stopwords;
        _clauseBreaks = clauseBreaks;
        _sentenceStarts = sentenceStarts;
        _canonicalByStem = canonicalByStem;
        _phrasesByFirstKey = phrasesByFirstKey;
        _speller = speller;
    }

    /// <summary>The canonical terms of <paramref name="text"/>, in order, with phrases folded, stopwords dropped and clauses marked.</summary>
    public List<string> Terms(string text)
    {
        var words = TextNormalizer.Words(text, markSentences: true);
        var keys = new string[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (_clauseBreaks.Contains(words[i]))
            {
                words[i] = ClauseBreak;
            }

            keys[i] = words[i] == ClauseBreak ? ClauseBreak : QuestionKey(words[i]);
        }

        return Fold(keys, words);
    }

    private string QuestionKey(string word)
    {
        if (_stopwords.Contains(word))
        {
            return word;
        }

        var stem = TextNormalizer.Stem(word);
        if (!_speller.Knows(stem) && !ContainsDigit(word))
        {
            var maxEdits = word.Length >= MinTwoEditLength ? 2 : word.Length >= MinCorrectableLength ? 1 : 0;
            // Stemming a misspelt word can mangle it further ("progres" loses its s), so the word as typed gets a second chance.
            stem = _speller.Correct(stem, maxEdits) ?? (stem == word ? null : _speller.Correct(word, maxEdits)) ?? stem;
        }

        return _canonicalByStem.GetValueOrDefault(stem, stem);
    }

    private List<string> Fold(string[] keys, List<string> words)
    {
        var terms = new List<string>(keys.Length);
        var i = 0;
        while (i < keys.Length)
        {
            if ((i == 0 || keys[i - 1] == ClauseBreak) && _sentenceStarts.TryGetValue(words[i], out var start))
            {
                terms.Add(start);
            }

            var phrase = LongestPhraseAt(keys, i);
            if (phrase is not null)
            {
                terms.Add(phrase.Canonical);
                i += phrase.Keys.Length;
                continue;
            }

            if (!_stopwords.Contains(words[i]))
            {
                terms.Add(keys[i]);
            }

            i++;
        }

        return terms;
    }

    private Phrase? LongestPhraseAt(string[] keys, int start)
    {
        if (!_phrasesByFirstKey.TryGetValue(keys[start], out var candidates))
        {
            return null;
        }

        foreach (var phrase in candidates)
        {
            if (start + phrase.Keys.Length > keys.Length)
            {
                continue;
            }

            var matches = true;
            for (var k = 1; k < phrase.Keys.Length && matches; k++)
            {
                matches = string.Equals(keys[start + k], phrase.Keys[k], StringComparison.Ordinal);
            }

            if (matches)
            {
                return phrase;
            }
        }

        return null;
    }

    private static bool ContainsDigit(string word)
    {
        foreach (var c in word)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Phrase(string[] Keys, string Canonical);

    /// <summary>
    /// Collects the lexicon in the order the file is read: stopwords, then single-word
    /// synonyms and spellings, then phrases (whose words are keyed through the single-word
    /// table, so "storage utilisation" and "storage utilization" are one phrase).
    /// </summary>
    internal sealed class Builder
    {
        private readonly HashSet<string> _stopwords = new(StringComparer.Ordinal);
        private readonly HashSet<string> _clauseBreaks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _sentenceStarts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _canonicalByStem = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _ownerByStem = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Phrase Phrase, string Owner)> _phrases = new(StringComparer.Ordinal);
        private readonly List<string> _vocabulary = [];

        public IReadOnlySet<string> Stopwords => _stopwords;

        /// <returns>False when <paramref name="word"/> is not a single word.</returns>
        public bool TryAddStopword(string word) => TryAddWord(word, w => _stopwords.Add(w));

        /// <returns>False when <paramref name="word"/> is not a single word.</returns>
        public bool TryAddClauseBreak(string word) => TryAddWord(word, w => _clauseBreaks.Add(w));

        /// <returns>False when <paramref name="word"/> is not a single word.</returns>
        public bool TryAddSentenceStart(string word, string term) => TryAddWord(word, w => _sentenceStarts[w] = term);

        /// <summary>Maps one word to a canonical term; returns an error message or null.</summary>
        public string? AddWord(string word, string canonical, string owner)
        {
            var stem = TextNormalizer.Stem(word);
            if (_stopwords.Contains(word))
            {
                return $"\"{word}\" is a stopword, so it can never be matched";
            }

            if (_ownerByStem.TryGetValue(stem, out var previous) && _canonicalByStem[stem] != canonical)
            {
                return $"\"{word}\" is already given a meaning by {previous}";
            }

            _canonicalByStem[stem] = canonical;
            _ownerByStem[stem] = owner;
            _vocabulary.Add(stem);
            return null;
        }

        /// <summary>The key a single known word reduces to, without any spelling correction.</summary>
        public string Key(string word)
        {
            if (_stopwords.Contains(word))
            {
                return word;
            }

            var stem = TextNormalizer.Stem(word);
            return _canonicalByStem.GetValueOrDefault(stem, stem);
        }

        /// <summary>The term a (possibly multi-word) text stands for, registering it as a phrase when it has several words.</summary>
        public string? AddTerm(List<string> words, string? canonical, string owner, out string? error)
        {
            error = null;
            if (words.Count == 0)
            {
                error = "the text has no words";
                return null;
            }

            foreach (var word in words)
            {
                if (!_stopwords.Contains(word))
                {
                    _vocabulary.Add(TextNormalizer.Stem(word));
                }
            }

            if (words.Count == 1)
            {
                return Key(words[0]);
            }

            var keys = words.ConvertAll(Key).ToArray();
            var joined = string.Join(' ', keys);
            if (_phrases.TryGetValue(joined, out var existing))
            {
                if (canonical is not null && existing.Phrase.Canonical != canonical)
                {
                    error = $"the phrase \"{string.Join(' ', words)}\" is already given a meaning by {existing.Owner}";
                    return null;
                }

                return existing.Phrase.Canonical;
            }

            var phrase = new Phrase(keys, canonical ?? joined);
            _phrases[joined] = (phrase, owner);
            return phrase.Canonical;
        }

        /// <param name="topicTerms">
        /// The terms that carry weight in some topic: only these are spelling-correction targets.
        /// Every other word of the file is known (never corrected) but never a target, because a
        /// correctly typed word the file lacks must not turn into a decline's or an exclusion's cue.
        /// </param>
        public Lexicon Build(IReadOnlySet<string> topicTerms)
        {
            var byFirst = _phrases.Values
                .Select(p => p.Phrase)
                .GroupBy(p => p.Keys[0], StringComparer.Ordinal)
                .ToDictionary(
                    g => g.Key,
                    g => g.OrderByDescending(p => p.Keys.Length).ToArray(),
                    StringComparer.Ordinal);

            var vocabulary = _vocabulary.Where(stem => !_stopwords.Contains(stem)).ToList();
            var targets = vocabulary.Where(stem => topicTerms.Contains(_canonicalByStem.GetValueOrDefault(stem, stem)));
            var speller = new SpellingCorrector(targets, vocabulary);
            return new Lexicon(_stopwords, _clauseBreaks, _sentenceStarts, _canonicalByStem, byFirst, speller);
        }

        private static bool TryAddWord(string text, Action<string> add)
        {
            var words = TextNormalizer.Words(text);
            if (words.Count != 1)
            {
                return false;
            }

            add(words[0]);
            return true;
        }
    }
}

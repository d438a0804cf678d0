namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// Symmetric-delete spelling correction (the SymSpell idea) over the knowledge file's own
/// vocabulary: every vocabulary word is indexed under all its variants with up to two letters
/// deleted, so a lookup only generates the deletes of the typed word and checks the few
/// candidates with the optimal-string-alignment distance (adjacent swaps count as one edit).
/// </summary>
internal sealed class SpellingCorrector
{
    private const int MaxIndexedEdits = 2;

    private readonly Dictionary<string, List<int>> _byDelete = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <param name="targets">The words a typo may be corrected to, in order of preference: on a tie, the earlier word wins.</param>
    /// <param name="known">Further words that are spelt right as they are, so never corrected, but never a correction either.</param>
    public SpellingCorrector(IEnumerable<string> targets, IEnumerable<string> known)
    {
        foreach (var word in targets)
        {
            if (!_known.Add(word))
            {
                continue;
            }

            _words.Add(word);
            foreach (var variant in Deletes(word, MaxIndexedEdits))
            {
                if (!_byDelete.TryGetValue(variant, out var list))
                {
                    _byDelete[variant] = list = [];
                }

                if (list.Count == 0 || list[^1] != _words.Count - 1)
                {
                    list.Add(_words.Count - 1);
                }
            }
        }

        _known.UnionWith(known);
    }

    public bool Knows(string word) => _known.Contains(word);

    /// <summary>
    /// The closest vocabulary word within <paramref name="maxEdits"/>, or null when there is none;
    /// between equally close words the one listed first wins, so results never depend on hashing.
    /// </summary>
    public string? Correct(string word, int maxEdits)
    {
        if (maxEdits <= 0)
        {
            return null;
        }

        var best = -1;
        var bestDistance = int.MaxValue;
        foreach (var variant in Deletes(word, maxEdits))
        {
            if (!_byDelete.TryGetValue(variant, out var candidates))
            {
                continue;
            }

            foreach (var index in candidates)
            {
                if (index == best || Math.Abs(_words[index].Length - word.Length) > maxEdits)
                {
                    continue;
                }

                var distance = OsaDistance(word, _words[index], maxEdits);
                if (distance <= maxEdits && (distance < bestDistance || (distance == bestDistance && index < best)))
                {
                    best = index;
                    bestDistance = distance;
                }
            }
        }

        return best < 0 ? null : _words[best];
    }

    /// <summary>The word itself and every variant with 1..<paramref name="edits"/> letters deleted.</summary>
    private static HashSet<string> Deletes(string word, int edits)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { word };
        var frontier = new List<string> { word };
        for (var round = 0; round < edits; round++)
        {
            var next = new List<string>();
            foreach (var w in frontier)
            {
                if (w.Length <= 1)
                {
                    continue;
                }

                for (var i = 0; i < w.Length; i++)
                {
                    var shorter = string.Concat(w.AsSpan(0, i), w.AsSpan(i + 1));
                    if (result.Add(shorter))
                    {
                        next.Add(shorter);
                    }
                }
            }

            frontier = next;
        }

        return result;
    }

    /// <summary>Optimal string alignment distance, giving up (returning max + 1) once it cannot stay within <paramref name="max"/>.</summary>
    private static int OsaDistance(string a, string b, int max)
    {
        var rows = a.Length + 1;
        var cols = b.Length + 1;
        Span<int> d = rows * cols <= 1024 ? stackalloc int[rows * cols] : new int[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            d[i * cols] = i;
        }

        for (var j = 0; j < cols; j++)
        {
            d[j] = j;
        }

        for (var i = 1; i < rows; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j < cols; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1), d[(i - 1) * cols + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[(i - 2) * cols + j - 2] + 1);
                }

                d[i * cols + j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }
        }

        return d[rows * cols - 1];
    }
}

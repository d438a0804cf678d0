using System.Text;

namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// Turns chat text into lower-case words and words into stems. The knowledge file's terms go
/// through the same functions at load time, so both sides always agree on what a word is.
/// </summary>
internal static class TextNormalizer
{
    /// <summary>Stands between two sentences in <see cref="Words"/>' output when asked for; it is never a word itself.</summary>
    public const string SentenceBreak = "|";

    /// <summary>Longest markup tag we strip; a lone "&lt;" in prose must not swallow the rest of a message.</summary>
    private const int MaxTagLength = 200;

    /// <summary>
    /// Splits <paramref name="text"/> into words: mention markup (Slack's &lt;@U123&gt;, Teams'
    /// &lt;at&gt;Name&lt;/at&gt;, a leading @name) is dropped, apostrophes are removed so "don't"
    /// stays one word, and everything else that is not a letter or digit separates words.
    /// With <paramref name="markSentences"/>, a <see cref="SentenceBreak"/> stands where a
    /// sentence ends (. ! ? ; … or a new line), so no phrase is read across two sentences.
    /// </summary>
    public static List<string> Words(string text, bool markSentences = false)
    {
        var words = new List<string>(16);
        var current = new StringBuilder(16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<' && TrySkipMarkup(text, i, out var next))
            {
                Flush(current, words);
                i = next;
                continue;
            }

            if (c == '@' && current.Length == 0)
            {
                i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
                {
                    i++;
                }

                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '\u2019' or '\u2018' or '`'))
            {
                Flush(current, words);
                if (markSentences && c is ('.' or '!' or '?' or ';' or '\n' or '\u2026') && words.Count > 0 && words[^1] != SentenceBreak)
                {
                    words.Add(SentenceBreak);
                }
            }

            i++;
        }

        Flush(current, words);
        return words;
    }

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length == 0)
        {
            return;
        }

        words.Add(current.ToString());
        current.Clear();
    }

    private static bool TrySkipMarkup(string text, int start, out int next)
    {
        next = start;
        var close = text.IndexOf('>', start + 1, Math.Min(MaxTagLength, text.Length - start - 1));
        if (close < 0)
        {
            return false;
        }

        var tag = text.AsSpan(start + 1, close - start - 1);
        if (tag.Equals("at", StringComparison.OrdinalIgnoreCase))
        {
            // Teams puts the mentioned name between the tags; the name is not part of the question.
            var end = text.IndexOf("</at>", close, StringComparison.OrdinalIgnoreCase);
            next = end < 0 ? close + 1 : end + "</at>".Length;
            return true;
        }

        if (tag.Contains(' '))
        {
            // "usage < 50% and > 10%" is prose, not markup.
            return false;
        }

        next = close + 1;
        return true;
    }

    /// <summary>
    /// A deliberately light stemmer: plural, -ing, -ed and a final e, so "graphs", "showing",
    /// "scheduled" and "schedule" meet. It is not linguistics; it only has to be consistent.
    /// </summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        var s = word;
        if (s.Length > 4 && (s.EndsWith("ies", StringComparison.Ordinal) || s.EndsWith("ied", StringComparison.Ordinal)))
        {
            return s[..^3] + "y";
        }

        if (s.EndsWith("sses", StringComparison.Ordinal))
        {
            s = s[..^2];
        }
        else if (s[^1] == 's' && !s.EndsWith("ss", StringComparison.Ordinal) && !s.EndsWith("us", StringComparison.Ordinal) && !s.EndsWith("is", StringComparison.Ordinal))
        {
            s = s[..^1];
        }

        if (s.Length >= 6 && s.EndsWith("ing", StringComparison.Ordinal))
        {
            s = Undouble(s[..^3]);
        }
        else if (s.Length >= 5 && s.EndsWith("ed", StringComparison.Ordinal) && !s.EndsWith("eed", StringComparison.Ordinal))
        {
            s = Undouble(s[..^2]);
        }

        if (s.Length >= 5 && s[^1] == 'e')
        {
            s = s[..^1];
        }

        return s;
    }

    /// <summary>"dropped" → "dropp" → "drop"; l, s and z double in stems ("install", "progress").</summary>
    private static string Undouble(string s) =>
        s.Length >= 3 && s[^1] == s[^2] && s[^1] is not ('l' or 's' or 'z' or 'a' or 'e' or 'i' or 'o' or 'u')
            ? s[..^1]
            : s;
}

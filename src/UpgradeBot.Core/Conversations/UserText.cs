using System.Text;

namespace UpgradeBot.Core.Conversations;

/// <summary>
/// What people send the bot, made safe to work with before anything else sees it: bounded in
/// length, and with any half of a UTF-16 surrogate pair (which no person types, and which JSON
/// writers refuse) replaced so an answer that quotes it can always be written.
/// </summary>
public static class UserText
{
    /// <summary>Longer than any question a person types; a longer message is declined before it is matched.</summary>
    public const int MaxLength = 4_000;

    public static bool IsWellFormed(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text with every unpaired surrogate replaced by U+FFFD.</summary>
    public static string Clean(string text)
    {
        if (IsWellFormed(text))
        {
            return text;
        }

        var repaired = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            repaired.Append(rune.ToString());
        }

        return repaired.ToString();
    }
}

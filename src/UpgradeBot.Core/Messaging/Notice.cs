namespace UpgradeBot.Core.Messaging;

/// <summary>A short message with no actions: a welcome, a subscription change, a refusal.</summary>
public sealed record Notice(string Headline, string Text, IReadOnlyList<string> Lines) : MessageContent
{
    public Notice(string headline, string text)
        : this(headline, text, [])
    {
    }
}

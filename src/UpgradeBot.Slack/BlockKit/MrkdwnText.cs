namespace UpgradeBot.Slack.BlockKit;

/// <summary>Slack's own markup (not Markdown): user text in it must be escaped (<see cref="Mrkdwn.Escape"/>).</summary>
public sealed record MrkdwnText(string Text) : TextObject(Text)
{
    [JsonPropertyOrder(-1)]
    public override string Type => "mrkdwn";
}

namespace UpgradeBot.Slack.BlockKit;

public sealed record PlainText(string Text) : TextObject(Text)
{
    [JsonPropertyOrder(-1)]
    public override string Type => "plain_text";
}

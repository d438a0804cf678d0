namespace UpgradeBot.Slack.BlockKit;

/// <summary>The element inside an <see cref="InputBlock"/>; <see cref="ActionId"/> keys its value within the block.</summary>
[JsonDerivedType(typeof(StaticSelectElement))]
[JsonDerivedType(typeof(PlainTextInputElement))]
[JsonDerivedType(typeof(EmailInputElement))]
public abstract record InputElement(string ActionId)
{
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }
}

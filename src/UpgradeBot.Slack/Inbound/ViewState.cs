namespace UpgradeBot.Slack.Inbound;

internal sealed record ViewState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue?>?>? Values)
{
    /// <summary>What the element of a block holds: typed text, or the value of the option chosen; null when empty or absent.</summary>
    public string? Read(string blockId, string actionId) =>
        Values?.GetValueOrDefault(blockId)?.GetValueOrDefault(actionId) is { } element ? element.Value ?? element.SelectedOption?.Value : null;
}

namespace UpgradeBot.Slack.Api;

/// <summary>What every Web API answer has.</summary>
internal abstract class SlackResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }
}

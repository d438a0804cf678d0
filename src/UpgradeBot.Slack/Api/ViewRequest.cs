namespace UpgradeBot.Slack.Api;

/// <summary>Body of views.open (<see cref="TriggerId"/>) and views.publish (<see cref="UserId"/>).</summary>
internal sealed record ViewRequest(SlackView View, string? TriggerId = null, string? UserId = null);

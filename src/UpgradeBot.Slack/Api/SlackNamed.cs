namespace UpgradeBot.Slack.Api;

/// <summary>A team, an organization or a user as oauth.v2.access names them.</summary>
internal sealed record SlackNamed(string? Id, string? Name);

namespace UpgradeBot.Slack.Installations;

/// <summary>
/// A bot or refresh token. It prints as a placeholder, so an installation written to a log, an
/// exception message or a debugger's record view never shows it; only the Web API client reads <see cref="Value"/>.
/// </summary>
public sealed record SlackToken(string Value)
{
    public override string ToString() => "[token]";
}

namespace UpgradeBot.Playground;

/// <summary><c>Playground</c>: the page at <c>/playground</c> that tries the bot in Teams and Slack without either.</summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>The settings whose value means a real platform is connected; any of them turns local mode off.</summary>
    public static readonly string[] CredentialKeys = ["MicrosoftAppId", "Slack:SigningSecret", "Slack:BotToken", "Slack:ClientId"];

    /// <summary>Unset: on in local mode, off otherwise. True outside local mode stops the start (see <see cref="IsLocalMode"/>).</summary>
    public bool? Enabled { get; set; }

    /// <summary>With the playground on, answers and escalations also see demo upgrades (never announced, never stored).</summary>
    public bool DemoSchedule { get; set; } = true;

    /// <summary>
    /// No Teams app id and no Slack credentials. Only then may the playground run: it takes over where
    /// Slack replies go and holds the Slack signing secret in a page, which must never be a real one.
    /// </summary>
    public static bool IsLocalMode(IConfiguration configuration) =>
        CredentialKeys.All(key => string.IsNullOrWhiteSpace(configuration[key]));
}

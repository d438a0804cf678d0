using System.Security.Cryptography;
using UpgradeBot.Slack;
using UpgradeBot.Teams;

namespace UpgradeBot.Playground;

/// <summary>
/// The settings the playground puts in place once it is on, as a configuration source of their own,
/// after the operator's (which in local mode have none of them): a Slack signing secret and bot token made up for this start (the page plays Slack, so it signs
/// with the secret, and the playground's Web API accepts the token), Slack's Web API pointed at the
/// playground's, and the Customer Champions conversations set to the playground's. The host's own
/// address is known only once it listens; until then the URLs name localhost, and nothing posts
/// through them before the host has started (<see cref="PlaygroundStartup"/> sets them then).
/// </summary>
public sealed class PlaygroundSettings : ConfigurationProvider, IConfigurationSource
{
    public string SigningSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string BotToken { get; } = "xoxb-playground-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Where the host listens, once it does: what the bot calls to reach the playground's receivers.</summary>
    public Uri? Origin { get; private set; }

    public Uri PageUrl => new(Origin ?? new Uri("http://localhost/"), PlaygroundEndpoints.PagePath);

    /// <summary>Until this is called the source supplies nothing: the playground is off.</summary>
    public void TurnOn()
    {
        Data[$"{SlackOptions.Section}:{nameof(SlackOptions.SigningSecret)}"] = SigningSecret;
        Data[$"{SlackOptions.Section}:{nameof(SlackOptions.BotToken)}"] = BotToken;
        Data[$"{SlackChampionsOptions.Section}:{nameof(SlackChampionsOptions.ChannelId)}"] = PlaygroundConversations.SlackChampions;
        Data[$"{TeamsChampionsOptions.Section}:{nameof(TeamsChampionsOptions.ConversationId)}"] = PlaygroundConversations.TeamsChampions;
        Data[$"{TeamsChampionsOptions.Section}:{nameof(TeamsChampionsOptions.TenantId)}"] = PlaygroundConversations.TeamsTenant;
        Point(new Uri("http://localhost/"));
        OnReload();
    }

    /// <summary>Points Slack's Web API and the Teams Champions conversation at the host's own address, and tells the options that read them.</summary>
    public void Listen(Uri origin)
    {
        Origin = origin;
        Point(origin);
        OnReload();
    }

    IConfigurationProvider IConfigurationSource.Build(IConfigurationBuilder builder) => this;

    private void Point(Uri origin)
    {
        Data[$"{SlackOptions.Section}:{nameof(SlackOptions.ApiBaseUrl)}"] = new Uri(origin, SlackApiReceiver.ApiPath + "/").AbsoluteUri;
        Data[$"{TeamsChampionsOptions.Section}:{nameof(TeamsChampionsOptions.ServiceUrl)}"] = new Uri(origin, TeamsConnectorReceiver.Path + "/").AbsoluteUri;
    }
}

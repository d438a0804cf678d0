namespace UpgradeBot.Testing;

/// <summary>
/// Requests shaped like the ones Slack sends (fields as in Slack's Events API and interactivity
/// docs). Each comes from a workspace the app is installed in (<see cref="FakeSlack.Default"/>
/// unless told): an org-wide installation's events name the organization in their authorization,
/// with no team, and the workspace they happened in at the top.
/// </summary>
public static class SlackPayloads
{
    /// <summary>Where an event comes from: the installation it is delivered for and the workspace it happened in.</summary>
    public sealed record Origin(SlackWorkspace Installation, string TeamId)
    {
        public static Origin Default { get; } = new(FakeSlack.Default, FakeSlack.TeamId);

        public static Origin Of(SlackWorkspace installation, string? teamId = null) => new(installation, teamId ?? installation.TeamId!);
    }

    public static object Envelope(string eventId, object slackEvent, Origin? from = null, long eventTime = 1_700_000_000)
    {
        var (installation, team) = from ?? Origin.Default;
        return new Dictionary<string, object?>
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = team,
            ["enterprise_id"] = installation.EnterpriseId,
            ["api_app_id"] = "A0TEST01",
            ["event"] = slackEvent,
            ["type"] = "event_callback",
            ["event_id"] = eventId,
            ["event_time"] = eventTime,
            ["authorizations"] = new[]
            {
                new { enterprise_id = installation.EnterpriseId, team_id = installation.TeamId, user_id = installation.BotUserId, is_bot = true, is_enterprise_install = installation.OrgWide },
            },
            ["is_ext_shared_channel"] = false,
            ["event_context"] = "4-context",
        };
    }

    public static object Mention(string eventId, string channel, string text, string ts = "1700000100.000200", Origin? from = null) => Envelope(eventId, new Dictionary<string, object>
    {
        ["type"] = "app_mention",
        ["user"] = "U0USER01",
        ["text"] = $"<@{(from ?? Origin.Default).Installation.BotUserId}> {text}",
        ["ts"] = ts,
        ["channel"] = channel,
        ["event_ts"] = ts,
        ["team"] = (from ?? Origin.Default).TeamId,
    }, from);

    public static object DirectMessage(string eventId, string text, string? subtype = null, string? botId = null)
    {
        var message = new Dictionary<string, object>
        {
            ["type"] = "message",
            ["user"] = "U0USER01",
            ["text"] = text,
            ["ts"] = "1700000200.000300",
            ["channel"] = "D0DM0001",
            ["channel_type"] = "im",
            ["event_ts"] = "1700000200.000300",
        };
        if (subtype is not null)
        {
            message["subtype"] = subtype;
        }

        if (botId is not null)
        {
            message["bot_id"] = botId;
        }

        return Envelope(eventId, message);
    }

    public static object Membership(string eventId, string type, string channel, string? user = null, Origin? from = null) => Envelope(eventId, new Dictionary<string, object>
    {
        ["type"] = type,
        ["user"] = user ?? (from ?? Origin.Default).Installation.BotUserId,
        ["channel"] = channel,
        ["channel_type"] = "C",
        ["team"] = (from ?? Origin.Default).TeamId,
        ["event_ts"] = "1700000300.000400",
    }, from);

    public static object ChannelLeft(string eventId, string channel) => Envelope(eventId, new Dictionary<string, object>
    {
        ["type"] = "channel_left",
        ["channel"] = channel,
        ["actor_id"] = "U0ADMIN1",
        ["event_ts"] = "1700000400.000500",
    });

    public static object Uninstalled(string eventId, Origin? from = null, long eventTime = 1_700_000_000) => Envelope(eventId, new Dictionary<string, object>
    {
        ["type"] = "app_uninstalled",
        ["event_ts"] = "1700000500.000600",
    }, from, eventTime);

    /// <summary>The bot's token revoked (Slack lists the user ids whose tokens went, bot users under <c>bot</c>).</summary>
    public static object TokensRevoked(string eventId, Origin? from = null, long eventTime = 1_700_000_000) => Envelope(eventId, new Dictionary<string, object>
    {
        ["type"] = "tokens_revoked",
        ["tokens"] = new { oauth = Array.Empty<string>(), bot = new[] { (from ?? Origin.Default).Installation.BotUserId } },
        ["event_ts"] = "1700000500.000700",
    }, from, eventTime);

    public static object Click(string triggerId, Uri responseUrl, string value, string channel = "C0CHAN01") => new
    {
        type = "block_actions",
        user = new { id = "U0USER01", username = "ada", name = "ada", team_id = FakeSlack.TeamId },
        api_app_id = "A0TEST01",
        token = "deprecated-verification-token",
        container = new { type = "message", message_ts = "1700000600.000700", channel_id = channel, is_ephemeral = false },
        trigger_id = triggerId,
        team = new { id = FakeSlack.TeamId, domain = "test" },
        channel = new { id = channel, name = "upgrades" },
        response_url = responseUrl.ToString(),
        actions = new[]
        {
            new { action_id = "escalate", block_id = "b1", text = new { type = "plain_text", text = "Escalate to Customer Champions" }, value, style = "primary", type = "button", action_ts = "1700000601.000800" },
        },
    };
}

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

    /// <summary>Workspaces of an organization took the app away from its org-wide installation; the envelope names no workspace.</summary>
    public static object TeamAccessRevoked(string eventId, SlackWorkspace organization, params string[] teams)
    {
        var envelope = (Dictionary<string, object?>)Envelope(eventId, new Dictionary<string, object>
        {
            ["type"] = "team_access_revoked",
            ["team_ids"] = teams,
            ["event_ts"] = "1700000500.000800",
        }, Origin.Of(organization, organization.TeamId ?? string.Empty));
        envelope["team_id"] = null;
        return envelope;
    }

    /// <summary>
    /// A click on the escalate button of the answer <paramref name="messageTs"/>; an answer in a thread
    /// (the reply to a mention) names its thread in <paramref name="threadTs"/>.
    /// </summary>
    public static object Click(string triggerId, Uri responseUrl, string value, string channel = "C0CHAN01", string messageTs = "1700000600.000700", string? threadTs = null) =>
        Action(triggerId, responseUrl, "escalate", value, "Escalate to Customer Champions", channel, ("U0USER01", "ada"), messageTs, threadTs);

    /// <summary>A Customer Champion's click on a button of the Customer Champions post (<c>escalation_acknowledge</c>, <c>escalation_resolve</c>).</summary>
    public static object ChampionClick(string triggerId, Uri responseUrl, string actionId, string reference, string channel, string postTs, string user = "U0CHAMP1", string name = "bea") =>
        Action(triggerId, responseUrl, actionId, reference, actionId == "escalation_resolve" ? "Resolve" : "Acknowledge", channel, (user, name), postTs, null);

    /// <summary>The resolve form submitted: the view as views.open got it, with <paramref name="note"/> typed (or left empty when null).</summary>
    public static object ResolveSubmission(System.Text.Json.JsonElement view, string? note, string user = "U0CHAMP1", string name = "bea") => new
    {
        type = "view_submission",
        team = new { id = FakeSlack.TeamId, domain = "test" },
        user = new { id = user, username = name, name, team_id = FakeSlack.TeamId },
        api_app_id = "A0TEST01",
        token = "deprecated-verification-token",
        trigger_id = $"{Guid.NewGuid():N}",
        view = new
        {
            id = "V0FORM01",
            team_id = FakeSlack.TeamId,
            type = "modal",
            callback_id = view.GetProperty("callback_id").GetString(),
            private_metadata = view.GetProperty("private_metadata").GetString(),
            blocks = view.GetProperty("blocks"),
            state = new { values = new Dictionary<string, object> { ["note"] = new Dictionary<string, object> { ["note"] = new { type = "plain_text_input", value = note } } } },
            hash = "1700000700.abcdef",
        },
        response_urls = Array.Empty<object>(),
        is_enterprise_install = false,
    };

    private static object Action(string triggerId, Uri responseUrl, string actionId, string value, string title, string channel, (string Id, string Name) user, string messageTs, string? threadTs) => new
    {
        type = "block_actions",
        user = new { id = user.Id, username = user.Name, name = user.Name, team_id = FakeSlack.TeamId },
        api_app_id = "A0TEST01",
        token = "deprecated-verification-token",
        container = new { type = "message", message_ts = messageTs, channel_id = channel, is_ephemeral = false },
        trigger_id = triggerId,
        team = new { id = FakeSlack.TeamId, domain = "test" },
        channel = new { id = channel, name = "upgrades" },
        message = new { type = "message", ts = messageTs, thread_ts = threadTs, bot_id = "B0TEST01" },
        response_url = responseUrl.ToString(),
        actions = new[]
        {
            new { action_id = actionId, block_id = "b1", text = new { type = "plain_text", text = title }, value, style = "primary", type = "button", action_ts = "1700000601.000800" },
        },
    };

    /// <summary>Someone opened the app's Home tab (or, with <paramref name="tab"/> "messages", its messages).</summary>
    public static object HomeOpened(string eventId, string user = "U0USER01", string tab = "home", Origin? from = null) => Envelope(eventId, new Dictionary<string, object>
    {
        ["type"] = "app_home_opened",
        ["user"] = user,
        ["channel"] = "D0HOME001",
        ["tab"] = tab,
        ["event_ts"] = "1700000700.000800",
    }, from);

    /// <summary>A click on "Change settings" on the App Home, as Slack sends it: from a view, with no channel.</summary>
    public static object SettingsClick(string triggerId, string user = "U0USER01", Origin? from = null)
    {
        var (installation, team) = from ?? Origin.Default;
        return new
        {
            type = "block_actions",
            user = new { id = user, username = user.ToLowerInvariant(), name = user.ToLowerInvariant(), team_id = team },
            api_app_id = "A0TEST01",
            token = "deprecated-verification-token",
            container = new { type = "view", view_id = "V0HOME001" },
            trigger_id = triggerId,
            team = new { id = team, domain = "test" },
            enterprise = installation.EnterpriseId is null ? null : new { id = installation.EnterpriseId, name = installation.Name },
            is_enterprise_install = installation.OrgWide,
            view = new { id = "V0HOME001", type = "home", team_id = team },
            actions = new[]
            {
                new { action_id = "customer_settings", block_id = "b1", text = new { type = "plain_text", text = "Change settings" }, style = "primary", type = "button", action_ts = "1700000701.000900" },
            },
        };
    }

    /// <summary>The settings modal's Save: <c>state.values</c> keyed by block id, then action id, as Slack sends them.</summary>
    public static object SettingsSubmission(string triggerId, string? deployment, string? accountId, string? supportContact, string user = "U0USER01", Origin? from = null)
    {
        var (installation, team) = from ?? Origin.Default;
        return new
        {
            type = "view_submission",
            team = new { id = team, domain = "test" },
            user = new { id = user, username = user.ToLowerInvariant(), name = user.ToLowerInvariant(), team_id = team },
            api_app_id = "A0TEST01",
            token = "deprecated-verification-token",
            trigger_id = triggerId,
            view = new
            {
                id = "V0MODAL01",
                team_id = team,
                type = "modal",
                callback_id = "customerSettings",
                private_metadata = "",
                state = new
                {
                    values = new Dictionary<string, object>
                    {
                        ["deployment"] = new { deployment = new { type = "static_select", selected_option = deployment is null ? null : new { text = new { type = "plain_text", text = deployment }, value = deployment } } },
                        ["accountId"] = new { accountId = new { type = "plain_text_input", value = accountId } },
                        ["supportContact"] = new { supportContact = new { type = "email_text_input", value = supportContact } },
                    },
                },
                hash = "1700000800.abcdef",
            },
            response_urls = Array.Empty<object>(),
            enterprise = installation.EnterpriseId is null ? null : new { id = installation.EnterpriseId, name = installation.Name },
            is_enterprise_install = installation.OrgWide,
        };
    }
}

using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Slack.Inbound;
using UpgradeBot.Slack.Installations;
using UpgradeBot.Testing;
using YamlDotNet.RepresentationModel;

namespace UpgradeBot.Slack.Tests;

/// <summary>manifests/slack/manifest.yaml must match the code: its URLs, the events the handlers know, and exactly the scopes those need.</summary>
public sealed class ManifestTests
{
    private const string Host = "https://your-host.example";

    /// <summary>The manifest's name for each event type the handler table knows, and the scopes that event needs.</summary>
    private static readonly Dictionary<string, (string ManifestEvent, string[] Scopes)> Events = new()
    {
        ["app_mention"] = ("app_mention", ["app_mentions:read"]),
        ["message"] = ("message.im", ["im:history"]),
        ["member_joined_channel"] = ("member_joined_channel", ["channels:read", "groups:read"]),
        ["member_left_channel"] = ("member_left_channel", ["channels:read", "groups:read"]),
        ["channel_left"] = ("channel_left", ["channels:read"]),
        ["group_left"] = ("group_left", ["groups:read"]),
        ["app_uninstalled"] = ("app_uninstalled", []),
        ["tokens_revoked"] = ("tokens_revoked", []),
        ["team_access_revoked"] = ("team_access_revoked", []),
        ["app_home_opened"] = ("app_home_opened", []),
    };

    /// <summary>chat.postMessage / chat.update, the slash command, and users.info (views.open and views.publish need none).</summary>
    private static readonly string[] ScopesOfCalls = ["chat:write", "commands", "users:read"];

    private readonly YamlMappingNode _manifest = Load();

    [Fact]
    public void Urls_point_at_the_bot_endpoints_on_the_placeholder_host()
    {
        Assert.Equal(Host + "/api/slack/events", Scalar("settings", "event_subscriptions", "request_url"));
        Assert.Equal(Host + "/api/slack/interactions", Scalar("settings", "interactivity", "request_url"));
        Assert.Equal("true", Scalar("settings", "interactivity", "is_enabled"));
        var command = Assert.IsType<YamlMappingNode>(Assert.Single(Sequence("features", "slash_commands")));
        Assert.Equal(SlackEndpoints.SlashCommand, command["command"].ToString());
        Assert.Equal(Host + "/api/slack/commands", command["url"].ToString());
        Assert.NotNull(Node("features", "bot_user", "display_name"));
        Assert.Equal([Host + "/api/slack/oauth_redirect"], Sequence("oauth_config", "redirect_urls").Select(n => n.ToString()));
    }

    [Fact]
    public async Task Bot_events_are_exactly_the_ones_the_handlers_know()
    {
        await using var bot = await SlackBot.StartAsync();
        var known = bot.Host.Services.GetRequiredService<SlackEventHandler>().EventTypes;

        Assert.Equal(known.Order(), Events.Keys.Order());
        Assert.Equal(Events.Values.Select(e => e.ManifestEvent).Order(), Sequence("settings", "event_subscriptions", "bot_events").Select(n => n.ToString()).Order());
    }

    [Fact]
    public void The_home_tab_is_on_and_the_command_lists_settings()
    {
        Assert.Equal("true", Scalar("features", "app_home", "home_tab_enabled"));
        var command = Assert.IsType<YamlMappingNode>(Assert.Single(Sequence("features", "slash_commands")));
        Assert.Contains("settings", command["usage_hint"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scopes_are_exactly_the_ones_the_code_needs()
    {
        var needed = Events.Values.SelectMany(e => e.Scopes).Concat(ScopesOfCalls).ToHashSet();

        Assert.Equal(needed.Order(), Sequence("oauth_config", "scopes", "bot").Select(n => n.ToString()).Order());
        // "Add to Slack" asks for the same ones.
        Assert.Equal(needed.Order(), SlackScopes.Bot.Order());
    }

    private static YamlMappingNode Load()
    {
        using var reader = new StreamReader(Path.Combine(PayloadFiles.RepositoryRoot, "manifests", "slack", "manifest.yaml"));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private YamlNode Node(params string[] path) =>
        path.Aggregate<string, YamlNode>(_manifest, (node, key) => ((YamlMappingNode)node)[key]);

    private string Scalar(params string[] path) => Assert.IsType<YamlScalarNode>(Node(path)).Value!;

    private IEnumerable<YamlNode> Sequence(params string[] path) => Assert.IsType<YamlSequenceNode>(Node(path)).Children;
}

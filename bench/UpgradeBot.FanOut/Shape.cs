using System.Globalization;
using UpgradeBot.Testing;

namespace UpgradeBot.FanOut;

/// <summary>
/// Who is subscribed: like a vendor's customers, one big workspace (and one big tenant) and a long
/// tail of small ones. The big one binds: its posts ÷ its cap is the least time the fan-out can take,
/// and the long tail must be served meanwhile without holding it up.
/// </summary>
internal sealed record Shape(int[] ChannelsPerWorkspace, int[] ConversationsPerTenant, TimeSpan Minimum)
{
    public int SlackChannels => ChannelsPerWorkspace.Sum();

    public int TeamsConversations => ConversationsPerTenant.Sum();

    public static Shape From(Arguments a)
    {
        var workspaces = Spread(a.SlackChannels, a.Workspaces, a.BigWorkspaceChannels);
        var tenants = Spread(a.TeamsConversations, a.Tenants, a.BigTenantConversations);
        var minimum = TimeSpan.FromSeconds(Math.Max(workspaces.Max() / (double)a.SlackCap, tenants.Max() / (double)a.TeamsCap));
        return new Shape(workspaces, tenants, minimum);
    }

    public IEnumerable<string> Teams() => ChannelsPerWorkspace.Select((_, w) => LimitedSlack.Team(w));

    public IEnumerable<(string Team, string Channel)> SlackAddresses() =>
        ChannelsPerWorkspace.SelectMany((n, w) => Enumerable.Range(0, n).Select(c => (LimitedSlack.Team(w), LimitedSlack.Channel(w, c))));

    public IEnumerable<(string Tenant, string Conversation)> TeamsAddresses() =>
        ConversationsPerTenant.SelectMany((n, t) => Enumerable.Range(0, n).Select(c => (LimitedConnector.Tenant(t), LimitedConnector.Conversation(t, c))));

    public string Describe(Arguments a) => string.Create(CultureInfo.InvariantCulture, $"""
        Slack: {SlackChannels} channels in {ChannelsPerWorkspace.Length} workspaces (largest {ChannelsPerWorkspace.Max()}), cap {a.SlackCap}/s per workspace and 1/s per channel, bot set to {a.SlackCap * a.Ceiling}/s
        Teams: {TeamsConversations} conversations in {ConversationsPerTenant.Length} tenants (largest {ConversationsPerTenant.Max()}), cap {a.TeamsCap}/s per tenant, 7/1 s, 8/2 s, 60/30 s per conversation, bot set to {a.TeamsCap * a.Ceiling}/s
        Every call takes {a.Latency.TotalMilliseconds} ms; theoretical minimum {Minimum.TotalSeconds:F1} s (largest workspace or tenant ÷ its cap)
        """);

    /// <summary><paramref name="total"/> over <paramref name="groups"/>: the first gets <paramref name="big"/>, the rest share what is left evenly.</summary>
    private static int[] Spread(int total, int groups, int big)
    {
        var rest = total - big;
        return [big, .. Enumerable.Range(0, groups - 1).Select(i => (rest / (groups - 1)) + (i < rest % (groups - 1) ? 1 : 0))];
    }
}

using System.Globalization;

namespace UpgradeBot.FanOut;

/// <summary>
/// The run's sizes and limits. <c>--ceiling</c> is the bot's configured rate as a multiple of the
/// fakes' caps (2: the bot may send twice as fast as the platforms accept, so only its adaptive rate
/// keeps it near them). <c>--timeline</c> prints a line a second: where the time goes.
/// </summary>
internal sealed record Arguments(
    int SlackChannels,
    int Workspaces,
    int BigWorkspaceChannels,
    int SlackCap,
    int TeamsConversations,
    int Tenants,
    int BigTenantConversations,
    int TeamsCap,
    double Ceiling,
    TimeSpan Latency,
    IReadOnlyList<int> Instances,
    bool Timeline)
{
    public static Arguments Parse(string[] args)
    {
        string? Read(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Read(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        return new Arguments(
            Int("--slack-channels", 5_000),
            Int("--workspaces", 500),
            Int("--big-workspace", 1_000),
            Int("--slack-cap", 50),
            Int("--teams-conversations", 1_000),
            Int("--tenants", 100),
            Int("--big-tenant", 500),
            Int("--teams-cap", 25),
            Read("--ceiling") is { } ceiling ? double.Parse(ceiling, CultureInfo.InvariantCulture) : 2,
            TimeSpan.FromMilliseconds(Int("--latency-ms", 150)),
            Read("--instances") is { } list ? [.. list.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] : [1, 2, 3],
            args.Contains("--timeline"));
    }
}

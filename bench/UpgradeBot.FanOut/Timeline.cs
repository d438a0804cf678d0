using System.Diagnostics;
using System.Globalization;
using UpgradeBot.Testing;

namespace UpgradeBot.FanOut;

/// <summary>
/// A line a second while a fan-out runs (<c>--timeline</c>): posts accepted and 429s in that second,
/// for the biggest workspace and tenant (which bind) and for all, the calls the fakes hold, and what
/// the hosts' outboxes did with the rows they claimed (their <c>/metrics</c>: sent, held back by the
/// bot's own rate limit, retried after a 429), summed over the fleet; the cores the hosts and
/// PostgreSQL (all of its processes on the machine) used in that second, and the load average.
/// </summary>
internal sealed class Timeline(LimitedSlack slack, LimitedConnector teams, IReadOnlyList<HttpClient> hosts, IReadOnlyList<int> processes) : IDisposable
{
    private static readonly string BigWorkspace = LimitedSlack.Channel(0, 0)[..6];
    private static readonly string BigTenant = LimitedConnector.Conversation(0, 0)[..^"0@thread.tacv2".Length];

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Sample _last = new(0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<string, long>(), 0, 0, TimeSpan.Zero);

    public static string Header =>
        "   t | Slack big/all ok | big/all 429 | in flight | Teams big/all ok | big/all 429 | in flight | outbox sent/held/retried | cores hosts/pg | load";

    public async Task PrintAsync()
    {
        var now = await SampleAsync();
        var last = _last;
        _last = now;
        long Outcome(Sample s, string outcome) => s.Outbox.GetValueOrDefault(outcome);
        var seconds = (now.At - last.At).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{_clock.Elapsed.TotalSeconds,4:F0} | {now.SlackBig - last.SlackBig,7}/{now.SlackAll - last.SlackAll,-8} | {now.SlackBig429 - last.SlackBig429,4}/{now.SlackAll429 - last.SlackAll429,-6} | {slack.Record.InFlight,9} | {now.TeamsBig - last.TeamsBig,7}/{now.TeamsAll - last.TeamsAll,-8} | {now.TeamsBig429 - last.TeamsBig429,4}/{now.TeamsAll429 - last.TeamsAll429,-6} | {teams.Record.InFlight,9} | {Outcome(now, "sent") - Outcome(last, "sent"),6}/{Outcome(now, "held") - Outcome(last, "held"),6}/{Outcome(now, "retried") - Outcome(last, "retried"),-6} | {(now.HostCpu - last.HostCpu) / seconds,5:F2}/{(now.PostgresCpu - last.PostgresCpu) / seconds,-5:F2} | {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }
    }

    private async Task<Sample> SampleAsync()
    {
        var outbox = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            try
            {
                foreach (var (outcome, count) in Parse(await host.GetStringAsync("/metrics")))
                {
                    outbox[outcome] = outbox.GetValueOrDefault(outcome) + count;
                }
            }
            catch (HttpRequestException)
            {
                // A host that does not answer adds nothing to this line.
            }
        }

        return new Sample(
            Sum(slack.Record.Accepted, BigWorkspace), slack.Record.Accepted.Count, Sum(slack.Record.RejectedBy, BigWorkspace), slack.Record.Rejected,
            Sum(teams.Record.Accepted, BigTenant), teams.Record.Accepted.Count, Sum(teams.Record.RejectedBy, BigTenant), teams.Record.Rejected,
            outbox,
            processes.Sum(ProcessCpu.Seconds),
            ProcessCpu.PostgresSeconds(),
            _clock.Elapsed);
    }

    private static int Sum(IEnumerable<KeyValuePair<string, int>> counts, string prefix) =>
        counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>The announcement counters of one host's Prometheus text, by outcome, over both platforms.</summary>
    private static IEnumerable<(string Outcome, long Count)> Parse(string metrics) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("upgradebot_announcements", StringComparison.Ordinal) && l.Contains("outcome=\"", StringComparison.Ordinal))
            .Select(l => (l.Split("outcome=\"")[1].Split('"')[0], (long)double.Parse(l[(l.LastIndexOf('}') + 2)..].Split(' ')[0], CultureInfo.InvariantCulture)));

    private sealed record Sample(
        int SlackBig, int SlackAll, int SlackBig429, int SlackAll429, int TeamsBig, int TeamsAll, int TeamsBig429, int TeamsAll429, Dictionary<string, long> Outbox,
        double HostCpu, double PostgresCpu, TimeSpan At);
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using UpgradeBot.Testing;

namespace UpgradeBot.FanOut;

/// <summary>Running hosts on one database and the fakes they post to: times one upgrade's fan-out at a time.</summary>
internal sealed class Fleet(IReadOnlyList<BotProcess.Running> hosts, HttpClient admin, LimitedSlack slack, LimitedConnector teams, Shape shape, Arguments options)
{
    /// <summary>Schedules upgrade <paramref name="upgradeId"/> to start in two seconds and waits until every conversation has its post.</summary>
    public async Task<Run> FanOutAsync(string label, string upgradeId)
    {
        Console.WriteLine($"{hosts.Count} instance(s), {label} fan-out: running…");
        using var timeline = options.Timeline ? new Timeline(slack, teams, await Task.WhenAll(hosts.Select(h => h.ClientAsync())), [.. hosts.Select(h => h.ProcessId)]) : null;
        var cpuBefore = HostCpu();
        var wrongBefore = slack.WrongTokens;
        await ScheduleAsync(upgradeId);
        var stopwatch = Stopwatch.StartNew();
        var reportEvery = TimeSpan.FromSeconds(timeline is null ? 10 : 1);
        var nextReport = reportEvery;
        if (timeline is not null)
        {
            Console.WriteLine(Timeline.Header);
        }

        while (slack.Record.Accepted.Count < shape.SlackChannels || teams.Record.Accepted.Count < shape.TeamsConversations)
        {
            if (hosts.Any(h => h.HasExited) || stopwatch.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new InvalidOperationException(
                    $"{slack.Record.Accepted.Count} of {shape.SlackChannels} channels and {teams.Record.Accepted.Count} of {shape.TeamsConversations} conversations reached:{Environment.NewLine}{string.Join(Environment.NewLine, hosts.Select(h => h.Output))}");
            }

            await Task.Delay(50);
            if (stopwatch.Elapsed > nextReport)
            {
                if (timeline is not null)
                {
                    await timeline.PrintAsync();
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {stopwatch.Elapsed.TotalSeconds:F0} s: Slack {slack.Record.Accepted.Count}/{shape.SlackChannels} ({slack.Record.Rejected} 429s), Teams {teams.Record.Accepted.Count}/{shape.TeamsConversations} ({teams.Record.Rejected} 429s)"));
                }

                nextReport += reportEvery;
            }
        }

        var run = new Run(
            hosts.Count,
            label,
            slack.Record.PostCount + teams.Record.PostCount,
            slack.Record.Rejected + teams.Record.Rejected,
            slack.WrongTokens - wrongBefore,
            slack.Record.PostCount + teams.Record.PostCount - shape.SlackChannels - shape.TeamsConversations,
            FanOutRecord.Overall(slack.Record, teams.Record),
            slack.Record.Span,
            teams.Record.Span,
            TimeSpan.FromSeconds(HostCpu() - cpuBefore) / (shape.SlackChannels + shape.TeamsConversations));
        ReportWarnings();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{hosts.Count} instance(s), {label}: {run.Measured.TotalSeconds:F1} s (Slack {run.Slack.TotalSeconds:F1} s, Teams {run.Teams.TotalSeconds:F1} s), {run.Posts} posts, {run.Rejected} answered 429, {run.WrongTokens} with a wrong token, ratio {run.Measured / shape.Minimum:F2}"));
        return run;
    }

    /// <summary>Waits until nothing is in flight at either fake and no post has arrived for a second, so the next record starts clean.</summary>
    public async Task SettleAsync()
    {
        var deadline = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var seen = (slack.Record.PostCount, slack.Record.Rejected, teams.Record.PostCount, teams.Record.Rejected);
        while (quiet.Elapsed < TimeSpan.FromSeconds(1) || slack.Record.InFlight + teams.Record.InFlight > 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"The fleet kept posting after the fan-out: {slack.Record.InFlight + teams.Record.InFlight} in flight.");
            }

            await Task.Delay(50);
            var now = (slack.Record.PostCount, slack.Record.Rejected, teams.Record.PostCount, teams.Record.Rejected);
            if (now != seen)
            {
                (seen, quiet) = (now, Stopwatch.StartNew());
            }
        }
    }

    private double HostCpu() => hosts.Sum(h => ProcessCpu.Seconds(h.ProcessId));

    // What went wrong, if anything: the hosts log at Warning and above.
    private void ReportWarnings()
    {
        foreach (var (host, i) in hosts.Select((h, i) => (h, i)))
        {
            var lines = host.Output.Split(Environment.NewLine);
            foreach (var at in Enumerable.Range(0, lines.Length - 1).Where(n => lines[n].StartsWith("fail:", StringComparison.Ordinal) || lines[n].StartsWith("warn:", StringComparison.Ordinal)).Take(5))
            {
                Console.WriteLine($"  bench-{i}: {lines[at + 1].Trim()}");
            }
        }
    }

    // An upgrade that starts in two seconds, scheduled through the admin API as an operator would.
    private async Task ScheduleAsync(string id)
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/upgrades")
        {
            Content = JsonContent.Create(new
            {
                id,
                title = $"Fan-out benchmark upgrade {id}",
                statusUrl = $"https://status.example.com/{id}",
                phases = new[] { new { name = "Everywhere", start, end = start.AddHours(1) } },
            }),
        };
        request.Headers.Authorization = new("Bearer", "bench-key");
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();
    }
}

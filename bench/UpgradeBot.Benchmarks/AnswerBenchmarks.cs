using BenchmarkDotNet.Attributes;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Knowledge;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Benchmarks;

/// <summary>Matcher plus composer for one question, as the bot does per message. Target: under 50 µs.</summary>
[MemoryDiagnoser]
public class AnswerBenchmarks
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2027-03-27T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private KnowledgeFile _knowledge = null!;
    private AnswerService _answers = null!;
    private IReadOnlyList<UpgradeWindow> _windows = null!;

    [Params(
        "Is the dashboard usage graph wrong because of the upgrade?",
        "hey, the usage graph on our dashbaord is showing way less data than yesterday. is that the upgrade?",
        "<@U123ABC> organisation statistcs say not yet started for everyone",
        "how much does a license cost?",
        "how do I export the destination graph as a CSV?",
        "the admin console shows a 502 when I open the dashboard",
        "The licensing graph looks fine but the usage graph is way off. We have not changed anything on our side since Friday. Could you confirm whether this relates to the ongoing upgrade, or should we raise it with Customer Champions?")]
    public string Question { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = KnowledgeFile.LoadShipped();
        _windows =
        [
            new UpgradeWindow("spring", "Spring upgrade", [new UpgradePhase("Phase 1", At.AddHours(-4), At.AddHours(4)), new UpgradePhase("Phase 2", At.AddDays(5), At.AddDays(5).AddHours(3))], new Uri("https://status.example.com")),
        ];
        var calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), BusinessCalendar.MondayToFriday, []);
        _answers = new AnswerService(_knowledge.Knowledge, _knowledge.Matcher, new FixedSchedule(_windows), new TimingRule(calendar, 1, 14), new DeploymentDirectory(DeploymentType.Unknown, new Dictionary<string, DeploymentType>()));
    }

    [Benchmark]
    public Reply MatchAndCompose() =>
        _answers.Compose(_knowledge.Matcher.Match(Question).Topic, Question, At, DeploymentType.Unknown, _windows);
}

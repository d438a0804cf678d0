using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Knowledge;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Core.Tests.Escalation;

/// <summary>What the escalation tests share: a knowledge base, one upgrade and a valid request at a fixed time.</summary>
internal static class EscalationFixture
{
    public static readonly DateTimeOffset Now = new(2027, 4, 20, 10, 0, 0, TimeSpan.Zero);

    public static readonly KnowledgeBase Topics = new(
    [
        new Topic("usage-destination-graphs", TopicKind.Symptom, "Dashboard graphs", "About the graphs.", [], new HashSet<DeploymentType> { DeploymentType.PublicCloud }, null, []),
    ]);

    public static readonly UpgradeWindow Spring = new("spring", "Spring upgrade", [new UpgradePhase("Phase 1", Now.AddDays(-10), Now.AddDays(-9))]);

    public static readonly Asker Requester = new("slack", "T1", "U1", "Ada", "C1");

    public static EscalationContext Context(string question = "the usage graph is still wrong") =>
        new("usage-destination-graphs", "persisting-escalate", "spring", question, Now.AddMinutes(-1));
}

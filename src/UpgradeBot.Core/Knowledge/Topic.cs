namespace UpgradeBot.Core.Knowledge;

/// <summary>One entry of the knowledge base, as operators write it in the knowledge file.</summary>
public sealed record Topic(
    string Id,
    TopicKind Kind,
    string Title,
    string Explanation,
    IReadOnlyList<string> Steps,
    IReadOnlySet<DeploymentType> Affects,
    string? HybridNote,
    IReadOnlyList<string> Examples)
{
    public const string NoneId = "none";

    /// <summary>False only when the deployment is known and the symptom cannot occur on it.</summary>
    public bool CanAffect(DeploymentType deployment) =>
        deployment == DeploymentType.Unknown || Affects.Count == 0 || Affects.Contains(deployment);
}

namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// The topic a free-text question is about; <see cref="Topic"/> is null when it is out of scope.
/// <see cref="Decline"/> names the knowledge file's decline that put it out of scope, if one did,
/// so a knowledge author can see why a question was turned away.
/// </summary>
public sealed record TopicMatch(Topic? Topic, double Score, string? Decline = null)
{
    public string TopicId => Topic?.Id ?? Knowledge.Topic.NoneId;
}

namespace UpgradeBot.Core.Knowledge;

/// <summary>The topics the bot knows, by id.</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, Topic> _byId;

    public KnowledgeBase(IEnumerable<Topic> topics)
    {
        Topics = [.. topics];
        _byId = Topics.ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Topic> Topics { get; }

    public Topic? Find(string id) => _byId.GetValueOrDefault(id);

    public Topic? FirstOfKind(TopicKind kind) => Topics.FirstOrDefault(t => t.Kind == kind);
}

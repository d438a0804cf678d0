namespace UpgradeBot.Core.Knowledge;

/// <summary>The topic a free-text question is about; <see cref="Topic"/> is null when it is out of scope.</summary>
public sealed record TopicMatch(Topic? Topic, double Score)
{
    public string TopicId => Topic?.Id ?? Knowledge.Topic.NoneId;
}

public interface IQuestionMatcher
{
    TopicMatch Match(string question);
}

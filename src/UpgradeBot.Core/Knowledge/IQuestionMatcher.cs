namespace UpgradeBot.Core.Knowledge;

public interface IQuestionMatcher
{
    TopicMatch Match(string question);
}

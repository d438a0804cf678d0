using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Core.Tests.Knowledge;

public sealed class KnowledgeMatcherTests
{
    private static QuestionMatcher Matcher => KnowledgeFixture.Shipped.Matcher;

    public static TheoryData<string, string> ShippedExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var topic in KnowledgeFixture.Shipped.Knowledge.Topics)
        {
            foreach (var example in topic.Examples)
            {
                data.Add(topic.Id, example);
            }
        }

        return data;
    }

    [Fact]
    public void Every_shipped_topic_has_examples()
    {
        Assert.All(KnowledgeFixture.Shipped.Knowledge.Topics, t => Assert.NotEmpty(t.Examples));
    }

    [Theory]
    [MemberData(nameof(ShippedExamples))]
    public void Every_shipped_example_matches_its_own_topic(string topicId, string example)
    {
        Assert.Equal(topicId, Matcher.Match(example).TopicId);
    }

    [Theory]
    [InlineData("the dashbaord usage graph is wrong")]
    [InlineData("destinaton graph on the dashboard looks off")]
    [InlineData("usage grpah is broken")]
    [InlineData("dashboard usage charts are inacurate")]
    public void Typo_in_dashboard_words_still_matches_usage_graphs(string question)
    {
        Assert.Equal("usage-destination-graphs", Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("organisation statistcs are wrong")]
    [InlineData("user storage utilisaton is off")]
    [InlineData("orgs all say not yet startd")]
    [InlineData("progres for organizations is off")]
    public void Typo_in_statistics_words_still_matches_org_user_statistics(string question)
    {
        Assert.Equal("org-user-statistics", Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("<@U123ABC> usage graph is wrong")]
    [InlineData("<at>UpgradeBot</at> usage graph is wrong")]
    [InlineData("@UpgradeBot usage graph is wrong")]
    [InlineData("USAGE GRAPH IS WRONG!!!")]
    [InlineData("usage-graph's wrong…")]
    [InlineData("  usage\tgraph\nis wrong  ")]
    public void Mention_markup_case_and_punctuation_do_not_change_the_topic(string question)
    {
        Assert.Equal("usage-destination-graphs", Matcher.Match(question).TopicId);
    }

    [Fact]
    public void Mentioned_name_is_not_read_as_part_of_the_question()
    {
        Assert.Equal(Topic.NoneId, Matcher.Match("<at>Help Desk Bot</at> what's the weather").TopicId);
    }

    [Theory]
    [InlineData("the graphs are showing odd numbers")]
    [InlineData("the graph showed odd numbers")]
    public void Inflected_forms_match_like_their_stems(string question)
    {
        Assert.Equal("usage-destination-graphs", Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("how much does a license cost?")]
    [InlineData("what's the weather")]
    [InlineData("reset my password")]
    [InlineData("how do I restore a file")]
    [InlineData("when does our licence expire")]
    [InlineData("how do I upgrade the backup agent")]
    [InlineData("how do I add a user to an organization")]
    [InlineData("")]
    [InlineData("???")]
    public void Out_of_scope_questions_match_no_topic(string question)
    {
        var match = Matcher.Match(question);

        Assert.Null(match.Topic);
        Assert.Equal(Topic.NoneId, match.TopicId);
    }

    [Theory]
    [InlineData("is the licensing graph wrong because of the upgrade?", "licensing-graphs")]
    [InlineData("the dashboard graphs look wrong", "usage-destination-graphs")]
    [InlineData("users show not yet started", "org-user-statistics")]
    [InlineData("got a destination is offline email", "destination-offline-alert")]
    [InlineData("when is the next upgrade", "upgrade-status")]
    [InlineData("can I talk to Customer Champions", "escalate")]
    [InlineData("help", "help")]
    [InlineData("tell me what you can do", "help")]
    public void Each_topic_is_recognised_from_a_plain_question(string question, string topicId)
    {
        Assert.Equal(topicId, Matcher.Match(question).TopicId);
    }

    [Fact]
    public void Short_words_are_never_corrected_into_vocabulary()
    {
        // "grap" and "usag" are one edit from vocabulary, but four letters are too few to guess from.
        Assert.Equal(Topic.NoneId, Matcher.Match("grap usag").TopicId);
    }
}

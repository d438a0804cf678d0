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

    public static TheoryData<string, string> ShippedDeclineExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var decline in KnowledgeFixture.Shipped.Declines)
        {
            foreach (var example in decline.Examples)
            {
                data.Add(decline.Id, example);
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
    [MemberData(nameof(ShippedDeclineExamples))]
    public void Every_shipped_decline_example_is_declined_by_its_own_decline(string declineId, string example)
    {
        var match = Matcher.Match(example);

        Assert.Null(match.Topic);
        Assert.Equal(declineId, match.Decline);
    }

    [Theory]
    [InlineData("How can I get the Usage graph out as a spreadsheet?")]
    [InlineData("where do I pick which admins can see the dashboard?")]
    [InlineData("is there a way to zoom into last month on the destination chart")]
    [InlineData("how often are the organisation statistics recalculated?")]
    [InlineData("can the dashboard show one graph per customer?")]
    public void How_to_question_mentioning_a_graph_is_declined(string question)
    {
        Assert.Equal(Topic.NoneId, Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("Can users see their own backup progress?")]
    [InlineData("Does the destination graph include deleted devices?")]
    [InlineData("Could the licensing graph be split by organisation?")]
    public void Question_opening_with_can_or_does_about_what_a_page_shows_is_declined(string question)
    {
        Assert.Equal("how-to", Matcher.Match(question).Decline);
    }

    [Theory]
    [InlineData("We removed a device last week but the usage graph still includes it")]
    [InlineData("I logged in this morning and the dashboard graphs are all empty")]
    [InlineData("added 3 devices yesterday and the destination graph didn't move")]
    [InlineData("How is the usage graph showing 8 TB when we only have 2?")]
    public void Report_of_what_the_admin_did_in_the_console_is_still_the_symptom(string question)
    {
        Assert.Equal("usage-destination-graphs", Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("Since the latest release the usage graph shows nothing")]
    [InlineData("usage graph not showing anything for our Mac devices")]
    [InlineData("The destination graph doesn't show the data we restored yesterday")]
    public void Report_naming_another_product_in_passing_is_still_the_symptom(string question)
    {
        Assert.Equal("usage-destination-graphs", Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("how do I open a support ticket about a billing problem?")]
    [InlineData("can Customer Champions help me restore a laptop?")]
    [InlineData("What are Customer Champions?")]
    [InlineData("Can support help us migrate to a new server?")]
    public void Support_request_about_another_matter_or_naming_champions_is_not_an_escalation(string question)
    {
        Assert.Equal(Topic.NoneId, Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("how do I get rid of the destination offline alert?")]
    [InlineData("Is there a workaround for the Usage graph being wrong?")]
    [InlineData("what does the Destination is offline alert mean?")]
    public void How_to_question_about_a_symptom_itself_is_the_symptom(string question)
    {
        Assert.NotEqual(Topic.NoneId, Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("the admin console shows a 502 when I open the dashboard")]
    [InlineData("Dashboard page just keeps spinning and never loads the graphs")]
    [InlineData("can't sign in to the console since the upgrade")]
    [InlineData("Organizations view times out for everyone")]
    public void Outage_or_access_problem_is_declined_even_when_it_names_a_symptom_page(string question)
    {
        Assert.Equal("outage", Matcher.Match(question).Decline);
    }

    [Theory]
    [InlineData("is the Mac client compatible with the newest macOS?")]
    [InlineData("which firewall ports does the backup client need?")]
    [InlineData("what are the support desk's opening hours?")]
    [InlineData("what's the phone number for support?")]
    [InlineData("do you support backing up Linux servers?")]
    public void Other_product_or_general_support_question_is_declined_not_escalated(string question)
    {
        var match = Matcher.Match(question);

        Assert.Null(match.Topic);
        Assert.NotNull(match.Decline);
    }

    [Theory]
    [InlineData("thanks for the help!")]
    [InlineData("hello bot")]
    [InlineData("good bot")]
    public void Small_talk_is_not_a_request_for_help(string question)
    {
        Assert.Equal(Topic.NoneId, Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("Our usage numbers look weird. Is this the upgrade?", "usage-destination-graphs")]
    [InlineData("Is the upgrade over? The destination chart is still empty.", "usage-destination-graphs")]
    [InlineData("Quick question.\nEvery user says not yet started.\nIs that the maintenance?", "org-user-statistics")]
    public void Symptom_reported_with_is_this_the_upgrade_is_the_symptom_not_the_schedule(string question, string topicId)
    {
        Assert.Equal(topicId, Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("the licence usage graph looks wrong", "licensing-graphs")]
    [InlineData("the licence usage chart on the dashboard is off", "licensing-graphs")]
    [InlineData("The licensing graph looks fine but the usage graph is way off", "usage-destination-graphs")]
    [InlineData("The usage graph is fine. The licensing graph shows zero though.", "licensing-graphs")]
    [InlineData("The license graph doesn't match our subscription", "licensing-graphs")]
    public void Licensing_and_usage_words_together_pick_the_graph_that_is_wrong(string question, string topicId)
    {
        Assert.Equal(topicId, Matcher.Match(question).TopicId);
    }

    [Theory]
    [InlineData("each customer's storage used shows 0 GB")]
    [InlineData("all our tenants show nothing backed up, but the devices did back up")]
    [InlineData("per-account storage totals are far too low")]
    public void Organization_statistics_described_without_their_names_still_match(string question)
    {
        Assert.Equal("org-user-statistics", Matcher.Match(question).TopicId);
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
    [InlineData("is this the upgrade?")]
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
    [InlineData("are you still upgrading?", "upgrade-status")]
    [InlineData("any update on the upgrade?", "upgrade-status")]
    [InlineData("destination not responding alert", "destination-offline-alert")]
    [InlineData("each site shows 0 GB used", "org-user-statistics")]
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

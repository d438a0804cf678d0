using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Escalation;
using static UpgradeBot.Core.Tests.Escalation.EscalationFixture;

namespace UpgradeBot.Core.Tests.Escalation;

public sealed class EscalationContextValidatorTests
{
    [Fact]
    public void A_context_the_bot_wrote_passes() =>
        Assert.Null(Problem(Context()));

    [Theory]
    [InlineData("made-up-topic", "persisting-escalate", "spring", "the topic is not one I know")]
    [InlineData("usage-destination-graphs", "certainly", "spring", "the verdict is not one I give")]
    [InlineData("usage-destination-graphs", "persisting-escalate", "autumn", "the upgrade it refers to is not on the schedule")]
    public void Unknown_topic_verdict_or_upgrade_is_refused(string topic, string verdict, string upgrade, string expected) =>
        Assert.Equal(expected, Problem(Context() with { Topic = topic, Verdict = verdict, UpgradeId = upgrade }));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_question_is_refused(string question) =>
        Assert.StartsWith("the question must be", Problem(Context(question)));

    [Fact]
    public void A_question_longer_than_a_button_can_carry_is_refused() =>
        Assert.StartsWith("the question must be", Problem(Context(new string('q', EscalationContext.MaxQuestionLength + 1))));

    [Fact]
    public void A_question_from_the_future_or_older_than_the_limit_is_refused()
    {
        Assert.Equal("the question is too old or dated in the future", Problem(Context() with { AskedAt = Now + EscalationContextValidator.ClockSkew + TimeSpan.FromSeconds(1) }));
        Assert.Equal("the question is too old or dated in the future", Problem(Context() with { AskedAt = Now - EscalationContextValidator.MaxAge - TimeSpan.FromSeconds(1) }));
    }

    [Fact]
    public void A_requester_without_a_user_or_with_oversized_ids_is_refused()
    {
        Assert.Equal("the requester could not be identified", Problem(Context(), Requester with { UserId = "" }));
        Assert.Equal("the requester could not be identified", Problem(Context(), Requester with { TenantId = new string('t', EscalationContextValidator.MaxIdLength + 1) }));
    }

    private static string? Problem(EscalationContext context, Asker? asker = null) =>
        EscalationContextValidator.Problem(new EscalationRequest(asker ?? Requester, context), Topics, [Spring], Now);
}

namespace UpgradeBot.Core.Answers;

/// <summary>
/// What a client sends back when the escalate button is pressed. It travels through the user's
/// client, so it is validated again (<see cref="Escalation.EscalationContextValidator"/>) before use.
/// </summary>
public sealed record EscalationContext(string Topic, string Verdict, string? UpgradeId, string Question, DateTimeOffset AskedAt)
{
    /// <summary>Keeps the context small enough for a Slack button value (2,000 characters) once serialized.</summary>
    public const int MaxQuestionLength = 500;

    public static string Bounded(string question) =>
        question.Length <= MaxQuestionLength ? question : question[..MaxQuestionLength];
}

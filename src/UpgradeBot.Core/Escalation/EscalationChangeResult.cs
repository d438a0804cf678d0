namespace UpgradeBot.Core.Escalation;

/// <summary>
/// What became of a Customer Champion's click (or admin API call): the outcome, the escalation as it
/// stands after (null when there is none, or the click was refused before it was read), and what to tell them.
/// </summary>
public sealed record EscalationChangeResult(EscalationChangeOutcome Outcome, EscalationRecord? Escalation, Notice Notice)
{
    /// <summary>
    /// The card or message to show the one who clicked: the post as it stands when there is one to
    /// show (a platform that redraws the clicked card), else the notice.
    /// </summary>
    public MessageContent Shown => Escalation is { } escalation && Outcome is EscalationChangeOutcome.Changed or EscalationChangeOutcome.AlreadyDone
        ? new EscalationNotice(escalation)
        : Notice;
}

using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Core.Answers;

public interface IAnswerService
{
    /// <summary>Answers a free-text question.</summary>
    Task<Reply> AnswerAsync(Inquiry inquiry, CancellationToken cancellationToken = default);

    /// <summary>The answer to the <c>status</c> command: the current or next upgrade.</summary>
    Task<Reply> StatusAsync(DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>What <paramref name="asker"/>'s admins can expect in their console now, on their deployment (the Slack App Home).</summary>
    Task<Outlook> OutlookAsync(Asker asker, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The answer to the <c>help</c> command.</summary>
    Reply Help();

    /// <summary>
    /// The answer the escalate button was attached to, composed again from its context, with the
    /// escalation's reference in place of the button (the message update after a click).
    /// </summary>
    Task<Reply> AfterEscalationAsync(EscalationRequest request, EscalationResult result, CancellationToken cancellationToken = default);

    /// <summary>
    /// The answer an escalation was made from, composed again, with a receipt of where the escalation
    /// stands now; <paramref name="withProgress"/> false leaves out what Customer Champions did (who,
    /// their note), for anyone but the requester.
    /// </summary>
    Task<Reply> ForEscalationAsync(EscalationRecord escalation, bool withProgress, CancellationToken cancellationToken = default);
}

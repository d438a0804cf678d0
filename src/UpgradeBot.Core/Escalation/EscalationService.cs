using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Records escalations once per problem and queues them for Customer Champions. Delivery itself is
/// the outbox's job (<see cref="EscalationOutbox"/>), so a click answers at once and a crash loses nothing.
/// Each carries the customer's account and support contact as its settings stand at the click.
/// </summary>
public sealed class EscalationService(
    IEscalationStore store,
    KnowledgeBase knowledge,
    IUpgradeSchedule schedule,
    EscalationOutbox outbox,
    TimeProvider time,
    int maxPerUserPerDay,
    ICustomerStore? customers = null) : IEscalationService
{
    public async Task<EscalationResult> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var windows = await schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        if (EscalationContextValidator.Problem(request, knowledge, windows, now) is { } problem)
        {
            return new EscalationResult(
                EscalationOutcome.Rejected,
                null,
                $"I could not escalate this: {problem}. Ask your question again and use the button on the new answer.");
        }

        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var customer = customers is null ? null : (await customers.GetAsync(request.Asker.Customer, cancellationToken).ConfigureAwait(false))?.Settings.Profile;
        var admission = await store.AdmitAsync(request.Asker, request.Context, customer, outbox.Destinations, maxPerUserPerDay, dayStart, now, request.Origin, cancellationToken)
            .ConfigureAwait(false);

        switch (admission.Outcome)
        {
            case EscalationOutcome.Created:
                BotMetrics.Escalations.Add(1, new KeyValuePair<string, object?>("outcome", "created"));
                outbox.Signal.Wake();
                return new EscalationResult(EscalationOutcome.Created, admission.Escalation!.Reference, $"Escalated to Customer Champions as {admission.Escalation.Reference}.");
            case EscalationOutcome.AlreadyOpen:
                return new EscalationResult(EscalationOutcome.AlreadyOpen, admission.Escalation!.Reference, $"You already escalated this as {admission.Escalation.Reference}.");
            default:
                return new EscalationResult(
                    EscalationOutcome.LimitReached,
                    null,
                    $"You have reached today's limit of {maxPerUserPerDay} escalations, so I did not create another. Your earlier escalations are with Customer Champions; you can try again tomorrow.");
        }
    }
}

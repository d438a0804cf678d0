namespace UpgradeBot.Core.Escalation;

public interface IEscalationService
{
    Task<EscalationResult> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken = default);
}

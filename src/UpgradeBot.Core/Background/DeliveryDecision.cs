namespace UpgradeBot.Core.Background;

/// <summary>What an outbox does with a row after a send (<see cref="DeliveryPolicy.Decide"/>).</summary>
/// <param name="At">For <see cref="DeliveryStep.Retry"/> and <see cref="DeliveryStep.Wait"/>: when the row is due again.</param>
public sealed record DeliveryDecision(DeliveryStep Step, DateTimeOffset? At = null)
{
    public static DeliveryDecision Done { get; } = new(DeliveryStep.Done);

    public static DeliveryDecision GiveUp { get; } = new(DeliveryStep.GiveUp);

    public static DeliveryDecision Retry(DateTimeOffset at) => new(DeliveryStep.Retry, at);

    public static DeliveryDecision Wait(DateTimeOffset until) => new(DeliveryStep.Wait, until);
}

namespace UpgradeBot.Core.Background;

public enum DeliveryStep
{
    /// <summary>Sent: the row is final.</summary>
    Done,

    /// <summary>A failed attempt that counts; try again at the decision's time.</summary>
    Retry,

    /// <summary>Nothing was tried (our own rate limit): due again at the decision's time, no attempt counted.</summary>
    Wait,

    /// <summary>Refused for good, or out of attempts: the row is final as failed.</summary>
    GiveUp,
}

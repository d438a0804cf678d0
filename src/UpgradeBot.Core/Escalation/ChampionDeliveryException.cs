namespace UpgradeBot.Core.Escalation;

/// <summary>
/// A destination refused an escalation. <see cref="Permanent"/> means retrying cannot help (the
/// receiver rejected the request itself), so the outbox gives up at once.
/// </summary>
public sealed class ChampionDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

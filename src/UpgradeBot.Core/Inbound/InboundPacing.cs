namespace UpgradeBot.Core.Inbound;

/// <summary>
/// Spreads the new events of a customer that asks more of the bot than its platform lets it answer.
/// When the rate limiter holds back a whole customer (a Slack workspace at its cap, not merely one
/// busy channel), the worker reports it here; each event that customer sends meanwhile is then
/// stored due at a slot of its own, one spacing after the one before, instead of due at once. The
/// worker so claims that customer's events about as fast as they can be answered. Without it,
/// under a flood, every event was claimed on arrival only to be put back, which cost more than
/// the acknowledgements themselves. Other customers are not affected. Kept per process: each
/// instance learns the holds its own worker meets.
/// </summary>
public class InboundPacing(TimeProvider time)
{
    /// <summary>Enough customers held at once for any fleet; past it, ended holds are swept first.</summary>
    private const int SweepAt = 10_000;

    private readonly Dictionary<string, Pace> _paces = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// A send for <paramref name="customer"/> was held back until <paramref name="until"/>; its sends
    /// are <paramref name="spacing"/> apart.
    /// </summary>
    public void Held(string customer, DateTimeOffset until, TimeSpan spacing)
    {
        if (customer.Length == 0 || spacing <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_paces.Count >= SweepAt)
            {
                foreach (var ended in _paces.Where(p => p.Value.End <= now).Select(p => p.Key).ToList())
                {
                    _paces.Remove(ended);
                }
            }

            _paces[customer] = _paces.TryGetValue(customer, out var pace)
                ? pace with { Until = Later(pace.Until, until), Spacing = spacing }
                : new Pace(until, spacing, until);
        }
    }

    /// <summary>When a new event of <paramref name="customer"/> is due: null for at once.</summary>
    public DateTimeOffset? DueAt(string customer)
    {
        lock (_gate)
        {
            if (!_paces.TryGetValue(customer, out var pace))
            {
                return null;
            }

            var now = time.GetUtcNow();
            if (pace.End <= now)
            {
                _paces.Remove(customer);
                return null;
            }

            var slot = Later(pace.Until, pace.Last) + pace.Spacing;
            _paces[customer] = pace with { Last = slot };
            return slot;
        }
    }

    /// <summary>
    /// When the worker should look again for events that came due at their slots: one spacing from
    /// <paramref name="now"/> while any customer still has slots ahead, else null.
    /// </summary>
    public DateTimeOffset? NextCheck(DateTimeOffset now)
    {
        lock (_gate)
        {
            TimeSpan? shortest = null;
            foreach (var pace in _paces.Values)
            {
                if (pace.Last > now && (shortest is null || pace.Spacing < shortest))
                {
                    shortest = pace.Spacing;
                }
            }

            return now + shortest;
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <param name="Until">The latest moment the limiter held the customer back to.</param>
    /// <param name="Last">The latest slot handed to a new event.</param>
    private sealed record Pace(DateTimeOffset Until, TimeSpan Spacing, DateTimeOffset Last)
    {
        public DateTimeOffset End => Until > Last ? Until : Last;
    }
}

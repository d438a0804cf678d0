namespace UpgradeBot.Core.Messaging;

/// <summary>
/// How fast a key may really send, as a share (<see cref="Scale"/>) of its configured rate, which is a
/// ceiling: platforms do not publish every cap (Slack's per workspace) or vary it (Teams' per tenant,
/// 30–50/s). A 429 lowers the rate to just below what the platform accepted in the second before it;
/// while sends go on without one, the rate probes back up, gently at first and faster the longer
/// no 429 comes, so a fan-out runs close to an unknown cap without a storm of 429s.
/// </summary>
/// <param name="LoweredAt">The last send booked at the old rate when a 429 lowered it (or then, if later).</param>
/// <param name="ProbedAt">When the rate last went up.</param>
/// <param name="Probes">Increases since the last 429; each one is bigger.</param>
public sealed record AdaptiveRate(double Scale, DateTimeOffset LoweredAt, DateTimeOffset ProbedAt, int Probes)
{
    /// <summary>
    /// How long sends must go on at a rate without a 429 before it goes up a step: about the time the
    /// platform takes to judge it (its window of a second), so the rate reaches an unknown cap in a few
    /// seconds rather than minutes.
    /// </summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    /// <summary>Below the rate the platform accepted: at exactly its cap, arrivals bunch and trip it.</summary>
    private const double Margin = 0.97;

    /// <summary>The first step up is 2 %, the next 4 %, then 6 %: near a cap just learned, probing starts gently.</summary>
    private const double Step = 0.02;

    /// <summary>One 429 never cuts deeper than to a quarter: a refusal that says little (few sends before it) must not stall a workspace.</summary>
    private const double DeepestCut = 0.25;

    /// <summary>Never below a hundredth of the ceiling: the sends stay spaced, not stopped.</summary>
    private const double Floor = 0.01;

    /// <summary>The configured rate, as nothing has been refused yet.</summary>
    public static AdaptiveRate Ceiling { get; } = new(1, DateTimeOffset.MinValue, DateTimeOffset.MinValue, 0);

    /// <summary>The limit as it applies now: the same count over a window stretched by the scale.</summary>
    public RateLimit Apply(RateLimit ceiling) => Scale >= 1 ? ceiling : ceiling with { Window = ceiling.Window / Scale };

    /// <summary>
    /// After a 429 for a send booked at <paramref name="bookedAt"/>, with <paramref name="sentBefore"/>
    /// sends booked under the key in the <see cref="SlidingLog.MeasureWindow"/> before it and its last
    /// booking at <paramref name="lastBooked"/>. A refusal of a send booked up to a
    /// <see cref="SlidingLog.MeasureWindow"/> after the last send at the old rate is the same episode
    /// and changes nothing: the platform still counts those sends.
    /// </summary>
    public AdaptiveRate Lowered(RateLimit ceiling, int sentBefore, DateTimeOffset bookedAt, DateTimeOffset? lastBooked, DateTimeOffset now)
    {
        if (bookedAt < LoweredAt + SlidingLog.MeasureWindow)
        {
            return this;
        }

        var ceilingRate = PerSecond(ceiling);
        var current = ceilingRate * Scale;
        var accepted = sentBefore / SlidingLog.MeasureWindow.TotalSeconds;
        var target = Math.Clamp(accepted, current * DeepestCut, current) * Margin;
        return new AdaptiveRate(Math.Max(Floor, target / ceilingRate), lastBooked > now ? lastBooked.Value : now, now, 0);
    }

    /// <summary>
    /// A send is being booked at <paramref name="now"/>: a step up when the rate has run for a
    /// <see cref="ProbeInterval"/> since it last changed; after a 429, counted from the last send
    /// booked at the old rate, as only then does the platform see the lowered one.
    /// </summary>
    public AdaptiveRate Probed(DateTimeOffset now) =>
        Scale >= 1 || now - (LoweredAt > ProbedAt ? LoweredAt : ProbedAt) < ProbeInterval
            ? this
            : this with { Scale = Math.Min(1, Scale * (1 + (Step * (Probes + 1)))), ProbedAt = now, Probes = Probes + 1 };

    private static double PerSecond(RateLimit limit) => limit.Count / limit.Window.TotalSeconds;
}

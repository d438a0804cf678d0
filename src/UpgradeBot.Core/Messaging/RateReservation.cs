namespace UpgradeBot.Core.Messaging;

/// <summary>The answer of <see cref="IRateLimiter.ReserveAsync"/>.</summary>
/// <param name="Granted">A send was booked at <paramref name="At"/>: wait <paramref name="Wait"/>, then send.</param>
/// <param name="Wait">How long until the booked moment or, when not granted, until a send could be booked.</param>
/// <param name="At">The moment booked (or the earliest one possible); a 429 for the send reports it back.</param>
/// <param name="HeldBy">When not granted: the keys whose limits held the send back (a channel's, a workspace's, or both).</param>
public readonly record struct RateReservation(bool Granted, TimeSpan Wait, DateTimeOffset At, IReadOnlyList<string>? HeldBy = null);

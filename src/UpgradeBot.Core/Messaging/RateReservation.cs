namespace UpgradeBot.Core.Messaging;

/// <summary>The answer of <see cref="IRateLimiter.ReserveAsync"/>.</summary>
/// <param name="Granted">A send was booked: wait <paramref name="Wait"/>, then send.</param>
/// <param name="Wait">When not granted: how long until a send could be booked.</param>
public readonly record struct RateReservation(bool Granted, TimeSpan Wait);

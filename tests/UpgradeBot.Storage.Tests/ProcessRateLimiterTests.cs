using UpgradeBot.Core.Messaging;

namespace UpgradeBot.Storage.Tests;

/// <summary>The rate limiter contract on the in-process limiter, the one a single instance on SQLite uses.</summary>
public sealed class ProcessRateLimiterTests : RateLimiterContract
{
    protected override Task<IRateLimiter> NewLimiterAsync() => Task.FromResult<IRateLimiter>(new ProcessRateLimiter(Time));
}

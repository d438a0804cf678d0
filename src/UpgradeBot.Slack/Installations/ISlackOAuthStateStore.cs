namespace UpgradeBot.Slack.Installations;

/// <summary>
/// The OAuth <c>state</c> values handed out by the install page, shared by every instance (the
/// callback may reach another one). Only their hashes are kept.
/// </summary>
public interface ISlackOAuthStateStore
{
    /// <summary>Keeps a new state until <paramref name="expiresAt"/>; states expired by <paramref name="now"/> are dropped.</summary>
    Task IssueAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>True once for an issued, unexpired state: consuming it removes it, so a replay is false.</summary>
    Task<bool> ConsumeAsync(string stateHash, DateTimeOffset now, CancellationToken cancellationToken = default);
}

using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Storage;

public sealed class SlackOAuthStateStore(StoreDatabase database) : ISlackOAuthStateStore
{
    public Task IssueAsync(string stateHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        database.WriteAsync("slack oauth states", async session =>
        {
            // States nobody came back with: the install page is the only writer, so it sweeps.
            await session.ExecuteAsync("DELETE FROM slack_oauth_states WHERE expires_at <= @Now;", new { Now = now.ToUnixTimeMilliseconds() });
            await session.ExecuteAsync(
                "INSERT INTO slack_oauth_states (state_hash, expires_at) VALUES (@Hash, @ExpiresAt);",
                new { Hash = stateHash, ExpiresAt = expiresAt.ToUnixTimeMilliseconds() });
        }, cancellationToken);

    /// <summary>One DELETE: of two callbacks with the same state, only one deletes the row.</summary>
    public async Task<bool> ConsumeAsync(string stateHash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync(
            "DELETE FROM slack_oauth_states WHERE state_hash = @Hash AND expires_at > @Now;",
            new { Hash = stateHash, Now = now.ToUnixTimeMilliseconds() },
            cancellationToken) == 1;
}

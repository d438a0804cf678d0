using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly TimeSpan RefreshLease = TimeSpan.FromSeconds(30);

    private static SlackInstallation Workspace(string team = "T1", string token = "xoxb-T1-secret-1", DateTimeOffset? expires = null) => new(
        "E1", "Org", team, $"{team} workspace", IsEnterpriseInstall: false,
        new SlackToken(token), $"UB{team}", $"BB{team}", "chat:write,commands", "U0ADMIN", T0, T0,
        expires is null ? null : new SlackToken($"xoxe-1-refresh-{team}"), expires);

    private static SlackInstallation Organization() => new(
        "E1", "Org", null, null, IsEnterpriseInstall: true,
        new SlackToken("xoxb-E1-secret"), "UBE1", "BBE1", "chat:write", "U0ADMIN", T0, T0);

    /// <summary>The text columns of the installations table, one line per row.</summary>
    protected const string InstallationText =
        "SELECT installation_id || '|' || bot_token || '|' || COALESCE(refresh_token, '') || '|' || bot_user_id || '|' || scopes FROM slack_installations;";

    /// <summary>What <see cref="InstallationText"/> finds, as a copy of the database would show it.</summary>
    protected abstract Task<IReadOnlyList<string>> InstallationTableTextAsync(string database);

    [Fact]
    public async Task A_saved_installation_reads_back_whole_and_an_org_wide_one_has_its_own_key()
    {
        var store = await NewStoreAsync();

        await store.SlackInstallations.SaveAsync(Workspace(expires: T0.AddHours(12)), Ct);
        await store.SlackInstallations.SaveAsync(Organization(), Ct);

        Assert.Equal(Workspace(expires: T0.AddHours(12)) with { Version = 1 }, await store.SlackInstallations.FindAsync("team:T1", Ct));
        Assert.Equal(Organization() with { Version = 1 }, await store.SlackInstallations.FindAsync("enterprise:E1", Ct));
        Assert.Null(await store.SlackInstallations.FindAsync("team:T2", Ct));
    }

    [Fact]
    public async Task A_reinstall_replaces_the_tokens_and_counts_a_new_version()
    {
        var store = await NewStoreAsync();
        await store.SlackInstallations.SaveAsync(Workspace(), Ct);

        await store.SlackInstallations.SaveAsync(Workspace(token: "xoxb-T1-secret-2") with { InstalledAt = T0.AddDays(1) }, Ct);

        var stored = await store.SlackInstallations.FindAsync("team:T1", Ct);
        Assert.Equal("xoxb-T1-secret-2", stored!.BotToken.Value);
        Assert.Equal(T0.AddDays(1), stored.InstalledAt);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Tokens_are_stored_encrypted_and_another_process_reads_them_through_the_shared_key_ring()
    {
        var database = CreateDatabase();
        var first = Connect(database);
        await first.Lifecycle.MigrateAsync(Ct);
        await first.SlackInstallations.SaveAsync(Workspace(expires: T0.AddHours(12)), Ct);

        var text = string.Join('\n', await InstallationTableTextAsync(database));
        Assert.DoesNotContain("xoxb-T1-secret-1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxe-1-refresh-T1", text, StringComparison.Ordinal);
        Assert.Equal("xoxb-T1-secret-1", (await Connect(database).SlackInstallations.FindAsync("team:T1", Ct))!.BotToken.Value);
    }

    [Fact]
    public async Task A_token_that_does_not_rotate_or_expires_later_needs_no_refresh()
    {
        var store = await NewStoreAsync();
        await store.SlackInstallations.SaveAsync(Workspace(), Ct);
        await store.SlackInstallations.SaveAsync(Workspace("T2", expires: T0.AddHours(12)), Ct);

        Assert.Equal(SlackRefreshClaimState.NotNeeded, (await store.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0, RefreshLease, Ct)).State);
        Assert.Equal(SlackRefreshClaimState.NotNeeded, (await store.SlackInstallations.ClaimRefreshAsync("team:T2", T0.AddHours(2), T0, RefreshLease, Ct)).State);
        Assert.Equal(SlackRefreshClaimState.Missing, (await store.SlackInstallations.ClaimRefreshAsync("team:T3", T0.AddHours(2), T0, RefreshLease, Ct)).State);
    }

    [Fact]
    public async Task Of_concurrent_refresh_claims_from_two_processes_exactly_one_wins_until_its_lease_ends()
    {
        var (first, second) = await TwoProcessesAsync();
        await first.SlackInstallations.SaveAsync(Workspace(expires: T0.AddHours(1)), Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0, RefreshLease, Ct), Ct)));

        var winner = Assert.Single(claims, c => c.State == SlackRefreshClaimState.Claimed);
        Assert.Equal("xoxe-1-refresh-T1", winner.Installation!.RefreshToken!.Value);
        Assert.All(claims.Where(c => c != winner), c => Assert.Equal((SlackRefreshClaimState.Busy, T0 + RefreshLease), (c.State, c.LeaseUntil)));
        // The winner died without a word: once its lease ends, another may claim.
        Assert.Equal(SlackRefreshClaimState.Busy, (await second.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0 + RefreshLease - TimeSpan.FromSeconds(1), RefreshLease, Ct)).State);
        Assert.Equal(SlackRefreshClaimState.Claimed, (await second.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0 + RefreshLease, RefreshLease, Ct)).State);
    }

    [Fact]
    public async Task A_completed_refresh_stores_the_new_tokens_and_needs_none_after()
    {
        var (first, second) = await TwoProcessesAsync();
        await first.SlackInstallations.SaveAsync(Workspace(expires: T0.AddHours(1)), Ct);
        var claim = await first.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0, RefreshLease, Ct);

        var refreshed = await first.SlackInstallations.CompleteRefreshAsync(
            "team:T1", claim.Installation!.Version, new SlackToken("xoxb-T1-secret-2"), new SlackToken("xoxe-1-refresh-2"), T0.AddHours(13), T0.AddMinutes(1), Ct);

        Assert.Equal(("xoxb-T1-secret-2", "xoxe-1-refresh-2", T0.AddHours(13), T0.AddMinutes(1), 2L),
            (refreshed!.BotToken.Value, refreshed.RefreshToken!.Value, refreshed.TokenExpiresAt, refreshed.UpdatedAt, refreshed.Version));
        Assert.Equal(refreshed, await second.SlackInstallations.FindAsync("team:T1", Ct));
        var after = await second.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0.AddMinutes(1), RefreshLease, Ct);
        Assert.Equal(SlackRefreshClaimState.NotNeeded, after.State);
    }

    [Fact]
    public async Task A_refresh_of_an_installation_reinstalled_meanwhile_stores_nothing()
    {
        var store = await NewStoreAsync();
        await store.SlackInstallations.SaveAsync(Workspace(expires: T0.AddHours(1)), Ct);
        var claim = await store.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0, RefreshLease, Ct);
        await store.SlackInstallations.SaveAsync(Workspace(token: "xoxb-T1-reinstalled", expires: T0.AddHours(12)), Ct);

        Assert.Null(await store.SlackInstallations.CompleteRefreshAsync(
            "team:T1", claim.Installation!.Version, new SlackToken("xoxb-stale"), new SlackToken("xoxe-stale"), T0.AddHours(13), T0, Ct));
        Assert.Equal("xoxb-T1-reinstalled", (await store.SlackInstallations.FindAsync("team:T1", Ct))!.BotToken.Value);
    }

    [Fact]
    public async Task A_released_refresh_can_be_claimed_again_at_once()
    {
        var store = await NewStoreAsync();
        await store.SlackInstallations.SaveAsync(Workspace(expires: T0.AddHours(1)), Ct);
        var claim = await store.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0, RefreshLease, Ct);

        await store.SlackInstallations.ReleaseRefreshAsync("team:T1", claim.Installation!.Version, Ct);

        Assert.Equal(SlackRefreshClaimState.Claimed, (await store.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0, RefreshLease, Ct)).State);
    }

    [Fact]
    public async Task An_uninstall_spares_a_newer_install()
    {
        var store = await NewStoreAsync();
        await store.SlackInstallations.SaveAsync(Workspace() with { InstalledAt = T0.AddMinutes(5) }, Ct);

        Assert.False(await store.SlackInstallations.RemoveAsync("team:T1", T0.AddMinutes(5), Ct));
        Assert.True(await store.SlackInstallations.RemoveAsync("team:T1", T0.AddMinutes(6), Ct));

        Assert.Null(await store.SlackInstallations.FindAsync("team:T1", Ct));
        Assert.False(await store.SlackInstallations.RemoveAsync("team:T1", T0.AddDays(1), Ct));
    }

    [Fact]
    public async Task A_refused_token_removes_only_the_version_it_was_read_at_and_not_while_a_refresh_is_under_way()
    {
        var store = await NewStoreAsync();
        await store.SlackInstallations.SaveAsync(Workspace(expires: T0.AddHours(1)), Ct);
        await store.SlackInstallations.ClaimRefreshAsync("team:T1", T0.AddHours(2), T0, RefreshLease, Ct);

        Assert.False(await store.SlackInstallations.RemoveRefusedAsync("team:T1", version: 1, T0.AddSeconds(1), Ct));
        Assert.False(await store.SlackInstallations.RemoveRefusedAsync("team:T1", version: 2, T0 + RefreshLease, Ct));
        Assert.True(await store.SlackInstallations.RemoveRefusedAsync("team:T1", version: 1, T0 + RefreshLease, Ct));

        Assert.Null(await store.SlackInstallations.FindAsync("team:T1", Ct));
    }

    [Fact]
    public async Task An_oauth_state_is_good_once_and_only_until_it_expires()
    {
        var (first, second) = await TwoProcessesAsync();
        await first.SlackOAuthStates.IssueAsync("hash-1", T0.AddMinutes(10), T0, Ct);
        await first.SlackOAuthStates.IssueAsync("hash-2", T0.AddMinutes(10), T0, Ct);

        Assert.True(await second.SlackOAuthStates.ConsumeAsync("hash-1", T0.AddMinutes(9), Ct));
        Assert.False(await first.SlackOAuthStates.ConsumeAsync("hash-1", T0.AddMinutes(9), Ct));
        Assert.False(await second.SlackOAuthStates.ConsumeAsync("hash-2", T0.AddMinutes(10), Ct));
        Assert.False(await second.SlackOAuthStates.ConsumeAsync("never-issued", T0, Ct));
    }

    [Fact]
    public async Task Of_two_callbacks_with_one_state_at_once_exactly_one_gets_through()
    {
        var (first, second) = await TwoProcessesAsync();
        await first.SlackOAuthStates.IssueAsync("hash-1", T0.AddMinutes(10), T0, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).SlackOAuthStates.ConsumeAsync("hash-1", T0.AddMinutes(1), Ct), Ct)));

        Assert.Single(results, consumed => consumed);
    }
}

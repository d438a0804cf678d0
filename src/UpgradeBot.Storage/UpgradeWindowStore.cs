using System.Text.Json;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Storage;

public sealed class UpgradeWindowStore(StoreDatabase database) : IUpgradeWindowStore
{
    private const string SelectWindow = """
        SELECT id AS Id, title AS Title, phases AS Phases, status_url AS StatusUrl, revision AS Revision,
               cancelled AS Cancelled, source AS Source
        FROM upgrade_windows
        """;

    private static readonly JsonSerializerOptions PhaseJson = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<UpgradeWindow>> ListAsync(CancellationToken cancellationToken = default) =>
        (await ListWithSourceAsync(cancellationToken)).Select(w => w.Window).ToList();

    public async Task<IReadOnlyList<(UpgradeWindow Window, UpgradeSource Source)>> ListWithSourceAsync(CancellationToken cancellationToken = default) =>
        [.. (await database.QueryAsync<WindowRow>(SelectWindow + " ORDER BY starts_at, id;", null, cancellationToken))
            .Select(r => (r.ToWindow(), Enum.Parse<UpgradeSource>(r.Source)))];

    public async Task<UpgradeWindow?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await database.QuerySingleOrDefaultAsync<WindowRow>(SelectWindow + " WHERE id = @Id;", new { Id = id }, cancellationToken))?.ToWindow();

    public async Task UpsertAsync(UpgradeWindow window, UpgradeSource source, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // Phases keep their original offsets in the JSON, so an admin sees the times as they were entered.
        var phases = JsonSerializer.Serialize(window.Phases.Select(p => new StoredPhase(p.Name, p.Start, p.End)), PhaseJson);
        await database.ExecuteAsync("""
            INSERT INTO upgrade_windows (id, title, phases, status_url, revision, cancelled, source, starts_at, ends_at, created_at, updated_at)
            VALUES (@Id, @Title, @Phases, @StatusUrl, @Revision, @Cancelled, @Source, @StartsAt, @EndsAt, @At, @At)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title,
                phases = excluded.phases,
                status_url = excluded.status_url,
                revision = excluded.revision,
                cancelled = excluded.cancelled,
                source = excluded.source,
                starts_at = excluded.starts_at,
                ends_at = excluded.ends_at,
                updated_at = excluded.updated_at;
            """,
            new
            {
                window.Id,
                window.Title,
                Phases = phases,
                StatusUrl = window.StatusUrl?.OriginalString,
                window.Revision,
                Cancelled = window.Cancelled ? 1 : 0,
                Source = source.ToString(),
                StartsAt = window.Start.ToUnixTimeMilliseconds(),
                EndsAt = window.End.ToUnixTimeMilliseconds(),
                At = at.ToUnixTimeMilliseconds(),
            },
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        await database.ExecuteAsync("DELETE FROM upgrade_windows WHERE id = @Id;", new { Id = id }, cancellationToken) > 0;

    /// <summary>The stored JSON shape of a phase, decoupled from the Core record so renaming it cannot break stored rows.</summary>
    private sealed record StoredPhase(string Name, DateTimeOffset Start, DateTimeOffset End);

    private sealed class WindowRow
    {
        public required string Id { get; init; }
        public required string Title { get; init; }
        public required string Phases { get; init; }
        public string? StatusUrl { get; init; }
        public long Revision { get; init; }
        public long Cancelled { get; init; }
        public required string Source { get; init; }

        public UpgradeWindow ToWindow()
        {
            var phases = JsonSerializer.Deserialize<StoredPhase[]>(Phases, PhaseJson)
                ?? throw new InvalidDataException($"Upgrade window {Id} has no phases.");
            return new UpgradeWindow(
                Id,
                Title,
                phases.Select(p => new UpgradePhase(p.Name, p.Start, p.End)).ToArray(),
                StatusUrl is null ? null : new Uri(StatusUrl, UriKind.RelativeOrAbsolute),
                (int)Revision,
                Cancelled != 0);
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace UpgradeBot.Testing;

/// <summary>
/// Statuspage's public <c>scheduled-maintenances.json</c>, written here in the published shape (page,
/// maintenances with their incident_updates and components, times with the page's offset and
/// milliseconds) so tests can vary it. Shared by the Core and host tests (linked, it needs nothing else).
/// </summary>
public static class StatusPageFixture
{
    public const string PageId = "kctbh9vrtdwd";

    public static readonly TimeSpan PageOffset = TimeSpan.FromHours(-5);

    /// <summary>One maintenance as the page lists it; change its fields with the indexer to make it odd.</summary>
    public static JsonObject Maintenance(
        string id,
        string name,
        string status,
        DateTimeOffset scheduledFor,
        DateTimeOffset scheduledUntil,
        DateTimeOffset? startedAt = null,
        DateTimeOffset? resolvedAt = null,
        string[]? components = null)
    {
        var created = scheduledFor.AddDays(-7);
        var updates = new JsonArray(Update(id, "scheduled", created, $"{name} is planned. No interruption of service is expected."));
        if (startedAt is { } started)
        {
            updates.Insert(0, Update(id, "in_progress", started, "Scheduled maintenance is currently in progress. We will provide updates as necessary."));
        }

        if (resolvedAt is { } resolved)
        {
            updates.Insert(0, Update(id, "completed", resolved, "The scheduled maintenance has been completed."));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["status"] = status,
            ["created_at"] = Time(created),
            ["updated_at"] = Time(resolvedAt ?? startedAt ?? created),
            ["monitoring_at"] = null,
            ["resolved_at"] = Time(resolvedAt),
            ["impact"] = "maintenance",
            ["shortlink"] = $"https://stspg.io/{id[..5]}",
            ["started_at"] = Time(startedAt),
            ["page_id"] = PageId,
            ["incident_updates"] = updates,
            ["components"] = new JsonArray([.. (components ?? ["Public cloud"]).Select((c, i) => (JsonNode)Component(c, i))]),
            ["scheduled_for"] = Time(scheduledFor),
            ["scheduled_until"] = Time(scheduledUntil),
        };
    }

    public static string Document(params JsonObject[] maintenances) => new JsonObject
    {
        ["page"] = new JsonObject
        {
            ["id"] = PageId,
            ["name"] = "Backup Cloud",
            ["url"] = "https://status.example.com",
            ["time_zone"] = "America/New_York",
            ["updated_at"] = Time(new DateTimeOffset(2027, 3, 1, 9, 0, 0, PageOffset)),
        },
        ["scheduled_maintenances"] = new JsonArray([.. maintenances.Select(m => (JsonNode)m.DeepClone())]),
    }.ToJsonString();

    /// <summary>An instant as Statuspage writes it: the page's offset and milliseconds.</summary>
    public static string? Time(DateTimeOffset? instant) =>
        instant?.ToOffset(PageOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static JsonObject Update(string id, string status, DateTimeOffset at, string body) => new()
    {
        ["id"] = $"{id[..4]}{status[..2]}upd",
        ["status"] = status,
        ["body"] = body,
        ["incident_id"] = id,
        ["created_at"] = Time(at),
        ["updated_at"] = Time(at),
        ["display_at"] = Time(at),
        ["affected_components"] = null,
        ["deliver_notifications"] = true,
        ["custom_tweet"] = null,
        ["tweet_id"] = null,
    };

    private static JsonObject Component(string name, int position) => new()
    {
        ["id"] = $"cmp{position}{name.Length:00}xyzq",
        ["name"] = name,
        ["status"] = "under_maintenance",
        ["created_at"] = "2024-01-10T12:00:00.000-05:00",
        ["updated_at"] = "2027-03-01T09:00:00.000-05:00",
        ["position"] = position + 1,
        ["description"] = null,
        ["showcase"] = false,
        ["start_date"] = null,
        ["group_id"] = null,
        ["page_id"] = PageId,
        ["group"] = false,
        ["only_show_if_degraded"] = false,
    };
}

using System.Text.Json;

namespace UpgradeBot.Core.Schedule.Feed;

/// <summary>
/// Reads Statuspage's public <c>scheduled-maintenances.json</c> (<c>{ page, scheduled_maintenances: [{ id,
/// name, status, scheduled_for, scheduled_until, started_at, resolved_at, shortlink, components[],
/// incident_updates[] }] }</c>) into upgrade windows. Pure: the same bytes always give the same reading.
/// </summary>
/// <remarks>
/// One maintenance is one window with one phase from <c>scheduled_for</c> to <c>scheduled_until</c>,
/// id <c>statuspage:{id}</c>, title = name, status link = shortlink. A maintenance the page reports
/// <c>in_progress</c>, <c>verifying</c> or <c>completed</c> with a <c>started_at</c> before
/// <c>scheduled_for</c> starts then; one <c>completed</c> with a <c>resolved_at</c> before
/// <c>scheduled_until</c> ends then. A later real start or end keeps the planned times: the page moves
/// <c>scheduled_until</c> when work runs over, and that is a reschedule.
/// </remarks>
public static class StatusPageFeed
{
    public const string PhaseName = "Maintenance";

    private static readonly string[] Statuses = ["scheduled", "in_progress", "verifying", "completed"];

    /// <summary>
    /// The reading of one answer, or false with <paramref name="malformed"/> saying why the answer as a
    /// whole cannot be used (not JSON, no <c>scheduled_maintenances</c> list).
    /// </summary>
    public static bool TryRead(ReadOnlyMemory<byte> json, UpgradeFeedFilter filter, out FeedReading reading, out string? malformed)
    {
        reading = new FeedReading([], [], true);
        malformed = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            malformed = $"the answer is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("scheduled_maintenances", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                malformed = "the answer has no scheduled_maintenances list";
                return false;
            }

            var windows = new List<FeedWindow>();
            var problems = new List<FeedProblem>();
            var identified = true;
            var index = 0;
            foreach (var entry in list.EnumerateArray())
            {
                var read = ReadEntry(entry, index++, filter);
                identified &= read.Problem is not { WindowId: null };
                if (read.Window is not null)
                {
                    windows.Add(read.Window);
                }
                else if (read.Problem is not null)
                {
                    problems.Add(read.Problem);
                }
            }

            // The page should never list an id twice; if it does, neither copy is trusted.
            foreach (var twice in windows.GroupBy(w => w.Window.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray())
            {
                windows.RemoveAll(w => w.Window.Id == twice);
                problems.Add(new FeedProblem(twice, $"maintenance {Local(twice)} is listed more than once"));
            }

            reading = new FeedReading(windows, problems, identified);
            return true;
        }
    }

    private static (FeedWindow? Window, FeedProblem? Problem) ReadEntry(JsonElement entry, int index, UpgradeFeedFilter filter)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return (null, new FeedProblem(null, $"entry {index} of scheduled_maintenances is not an object"));
        }

        var fields = new Fields(entry);
        var id = fields.Text("id");
        if (id is null || !ScheduleSettings.IsWindowId(id) || id.StartsWith(ScheduleSettings.FeedIdPrefix, StringComparison.Ordinal))
        {
            var shown = id is null ? "no id" : $"the id '{ScheduleSettings.Shown(id)}'";
            return (null, new FeedProblem(null, $"entry {index} of scheduled_maintenances has {shown}; an id is letters, digits, '-', '_' and '.', at most 64"));
        }

        var windowId = ScheduleSettings.FeedIdPrefix + id;
        FeedProblem Bad(string why) => new(windowId, $"maintenance {id}: {why}");

        var name = fields.Text("name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (null, Bad("name is missing"));
        }

        if (name.Length > ScheduleSettings.MaxTitleLength)
        {
            return (null, Bad($"name is {name.Length} characters long; at most {ScheduleSettings.MaxTitleLength}"));
        }

        if (!filter.Chooses(name, Components(entry)))
        {
            return (null, null);
        }

        var status = fields.Text("status");
        var scheduledFor = fields.Instant("scheduled_for", required: true);
        var scheduledUntil = fields.Instant("scheduled_until", required: true);
        var startedAt = fields.Instant("started_at", required: false);
        var resolvedAt = fields.Instant("resolved_at", required: false);
        var shortlink = fields.Text("shortlink");
        if (fields.Error is { } error)
        {
            return (null, Bad(error));
        }

        if (status is null || !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return (null, Bad($"status '{status}' is not one of {string.Join(", ", Statuses)}"));
        }

        if (scheduledUntil <= scheduledFor)
        {
            return (null, Bad($"scheduled_until ({Iso(scheduledUntil!.Value)}) is not after scheduled_for ({Iso(scheduledFor!.Value)})"));
        }

        if (resolvedAt < startedAt)
        {
            return (null, Bad($"resolved_at ({Iso(resolvedAt!.Value)}) is before started_at ({Iso(startedAt!.Value)})"));
        }

        Uri? link = null;
        if (!string.IsNullOrWhiteSpace(shortlink)
            && (shortlink.Length > ScheduleSettings.MaxUrlLength || !Uri.TryCreate(shortlink, UriKind.Absolute, out link) || link.Scheme is not ("https" or "http")))
        {
            return (null, Bad($"shortlink '{ScheduleSettings.Shown(shortlink)}' is not an absolute http(s) URL of at most {ScheduleSettings.MaxUrlLength} characters"));
        }

        var startedEarly = status != "scheduled" && startedAt < scheduledFor;
        var completedEarly = status == "completed" && resolvedAt < scheduledUntil;
        var start = startedEarly ? startedAt!.Value : scheduledFor!.Value;
        var end = completedEarly ? resolvedAt!.Value : scheduledUntil!.Value;
        if (end <= start)
        {
            return (null, Bad($"resolved_at ({Iso(end)}) is not after its start ({Iso(start)})"));
        }

        var window = new UpgradeWindow(windowId, name, [new UpgradePhase(PhaseName, start, end)], link);
        return (new FeedWindow(window, startedEarly, completedEarly), null);
    }

    private static IEnumerable<string> Components(JsonElement entry) =>
        entry.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array
            ? components.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                .Select(c => c.GetProperty("name").GetString()!)
            : [];

    private static string Local(string windowId) => windowId[ScheduleSettings.FeedIdPrefix.Length..];

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads fields of one entry, keeping the first problem instead of throwing, so one bad entry never spoils the rest.</summary>
    private sealed class Fields(JsonElement entry)
    {
        public string? Error { get; private set; }

        public string? Text(string name)
        {
            if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error ??= $"{name} is not a string";
                return null;
            }

            return value.GetString();
        }

        public DateTimeOffset? Instant(string name, bool required)
        {
            var text = Text(name);
            if (text is null)
            {
                if (required)
                {
                    Error ??= $"{name} is missing";
                }

                return null;
            }

            if (!ScheduleSettings.TryParseInstant(text, out var instant))
            {
                Error ??= $"{name} '{ScheduleSettings.Shown(text)}' is not an ISO 8601 instant with an offset";
                return null;
            }

            if (!ScheduleSettings.IsInRange(instant))
            {
                Error ??= $"{name} ({text}) is outside the years {ScheduleSettings.Earliest.Year}–{ScheduleSettings.Latest.Year - 1} the bot accepts";
                return null;
            }

            return instant;
        }
    }
}

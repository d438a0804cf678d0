using System.Text;

namespace UpgradeBot.Calendar;

public static class CalendarEndpoints
{
    public const string FeedPath = "/api/calendar/upgrades.ics";

    /// <summary>
    /// <c>GET /api/calendar/upgrades.ics</c>, unless <c>Calendar:Feed:Enabled</c> is false (then 404). No
    /// authentication: it holds nothing but the public upgrade schedule, and calendar apps cannot send keys.
    /// </summary>
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<CalendarOptions>>().Value.Feed.Enabled)
        {
            app.MapGet(FeedPath, GetFeed);
        }

        return app;
    }

    private static async Task<IResult> GetFeed(IUpgradeSchedule schedule, TimeProvider time, CancellationToken cancellationToken)
    {
        var windows = await schedule.GetWindowsAsync(cancellationToken).ConfigureAwait(false);
        return Results.Text(UpgradeCalendar.Write(windows, time.GetUtcNow()), "text/calendar", Encoding.UTF8);
    }
}

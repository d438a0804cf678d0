using UpgradeBot.Core.Announcements;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Core.Tests.Announcements;

public class AnnouncementComposerTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Ends Tue 2027-03-09 06:00 London: the settling deadline is Thu 00:00 (the rule's own example).
    private static readonly UpgradeWindow Window = new(
        "2027-03",
        "March upgrade",
        [new UpgradePhase("Europe", DateTimeOffset.Parse("2027-03-08T22:00:00Z"), DateTimeOffset.Parse("2027-03-09T06:00:00Z"))],
        new Uri("https://status.example.com"));

    private readonly AnnouncementComposer _composer = new(new TimingRule(new BusinessCalendar(London, BusinessCalendar.MondayToFriday, []), 1, 14), TimeSpan.FromHours(24));

    [Fact]
    public void Completed_carries_the_grace_deadline_and_says_escalation_opens_after_it()
    {
        var completed = _composer.Compose(Window, AnnouncementKind.Completed, 0, late: false, Window.End);

        Assert.Equal(DateTimeOffset.Parse("2027-03-11T00:00:00Z"), completed.GraceDeadline);
        Assert.Contains("settling deadline", completed.Text, StringComparison.Ordinal);
        Assert.Contains("escalate it to Customer Champions", completed.Text, StringComparison.Ordinal);
        Assert.Equal(UpgradeStatus.Completed, completed.Upgrade.Status);
    }

    [Fact]
    public void A_late_started_says_it_is_late()
    {
        var started = _composer.Compose(Window, AnnouncementKind.Started, 0, late: true, Window.Start.AddHours(3));

        Assert.True(started.Late);
        Assert.Contains("comes late", started.Text, StringComparison.Ordinal);
        Assert.Null(started.GraceDeadline);
    }

    [Fact]
    public void The_started_post_once_updated_after_the_end_reads_completed()
    {
        var post = _composer.StartedPost(Window, late: false, Window.End.AddMinutes(1));

        Assert.Equal("Upgrade completed: March upgrade", post.Headline);
        Assert.Equal(AnnouncementKind.Started, post.Kind);
        Assert.NotNull(post.GraceDeadline);
    }

    [Theory]
    [InlineData(AnnouncementKind.Scheduled, "Upgrade scheduled: March upgrade")]
    [InlineData(AnnouncementKind.Reminder, "Upgrade starts soon: March upgrade")]
    [InlineData(AnnouncementKind.Rescheduled, "Upgrade rescheduled: March upgrade")]
    [InlineData(AnnouncementKind.Cancelled, "Upgrade cancelled: March upgrade")]
    public void Every_kind_has_its_own_headline_and_carries_the_schedule(AnnouncementKind kind, string headline)
    {
        var announcement = _composer.Compose(Window, kind, 0, late: false, Window.Start.AddDays(-2));

        Assert.Equal(headline, announcement.Headline);
        Assert.Equal(Window.Phases, announcement.Phases);
        Assert.Equal(Window.StatusUrl, announcement.Upgrade.StatusUrl);
    }
}

namespace UpgradeBot.Core.Customers;

/// <summary>
/// Everything a customer's admin wants at a glance (the Slack App Home): the current or next
/// upgrade, what to expect now, where announcements go in their workspace, and their settings.
/// </summary>
/// <param name="Status">The <c>status</c> answer, with the "Add to calendar" link when there is one.</param>
/// <param name="Channels">The conversations of the workspace that receive announcements.</param>
public sealed record CustomerOverview(Reply Status, Outlook Outlook, IReadOnlyList<Subscription> Channels, CustomerSettingsForm Settings);

namespace UpgradeBot.Core.Customers;

/// <summary>
/// What a platform found out about a person where they spoke: whether they administer their
/// organization there (a Slack workspace admin or owner, a Teams team owner, the person in a Teams
/// personal chat), or installed the app. <see cref="Unavailable"/>: the platform could not be asked.
/// </summary>
public sealed record CustomerRole(bool IsAdmin, bool IsInstaller = false, bool Unavailable = false)
{
    public static CustomerRole Member { get; } = new(false);

    public static CustomerRole Unknown { get; } = new(false, Unavailable: true);
}

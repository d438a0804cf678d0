namespace UpgradeBot.Core.Configuration;

/// <summary>
/// <c>UpgradeFeed</c>: a Statuspage-format <c>scheduled-maintenances.json</c> the upgrade windows are
/// read from. Not under <c>Upgrades</c>, which is a list. An empty <see cref="Url"/> turns the feed off.
/// </summary>
public sealed class UpgradeFeedOptions
{
    public const string Section = "UpgradeFeed";

    public string? Url { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one poll may take, answer included, before it counts as a failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A regular expression (case-insensitive) a maintenance's name must match to be a public cloud upgrade; empty for all.</summary>
    public string? NamePattern { get; set; }

    /// <summary>Component names; when any are given, a maintenance must affect one of them.</summary>
    public List<string> Components { get; set; } = [];
}

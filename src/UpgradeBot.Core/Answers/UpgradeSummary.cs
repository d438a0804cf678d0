namespace UpgradeBot.Core.Answers;

/// <summary>The upgrade an answer is about, as it stood when the answer was composed.</summary>
public sealed record UpgradeSummary(
    string Id,
    string Title,
    UpgradeStatus Status,
    string? CurrentPhase,
    DateTimeOffset Start,
    DateTimeOffset End,
    Uri? StatusUrl)
{
    public static UpgradeSummary Of(UpgradeWindow window, DateTimeOffset at) =>
        new(window.Id, window.Title, window.StatusAt(at), window.PhaseAt(at)?.Name, window.Start, window.End, window.StatusUrl);
}

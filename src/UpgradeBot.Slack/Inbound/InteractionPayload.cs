namespace UpgradeBot.Slack.Inbound;

/// <summary>An interactivity payload (the form field <c>payload</c>): <c>block_actions</c> and <c>view_submission</c> (the settings and resolve modals) are handled.</summary>
internal sealed record InteractionPayload(
    string? Type,
    string? ApiAppId,
    string? TriggerId,
    InteractionUser? User,
    InteractionTeam? Team,
    InteractionTeam? Enterprise,
    bool? IsEnterpriseInstall,
    InteractionChannel? Channel,
    InteractionContainer? Container,
    InteractionMessage? Message,
    string? ResponseUrl,
    IReadOnlyList<BlockAction>? Actions,
    InteractionView? View = null)
{
    /// <summary>The workspace the click came from; <c>team</c> is null for an org-wide install, the user's team is not.</summary>
    public string? TeamId => Team?.Id ?? User?.TeamId;

    /// <summary>The channel the clicked message is in.</summary>
    public string? ChannelId => Channel?.Id ?? Container?.ChannelId;

    public SlackInstallationQuery Installation => new(Enterprise?.Id, TeamId, IsEnterpriseInstall ?? false);

    /// <summary>The name a person goes by in the workspace, as the payload gives it.</summary>
    public string? UserName => User?.Name ?? User?.Username ?? User?.Id;
}

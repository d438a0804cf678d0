namespace UpgradeBot.Slack.Api;

internal sealed record SlackUserInfo(
    string? Id,
    bool Deleted,
    bool IsAdmin,
    bool IsOwner,
    bool IsPrimaryOwner,
    SlackEnterpriseUser? EnterpriseUser)
{
    public bool IsAdministrator => !Deleted && (IsAdmin || IsOwner || IsPrimaryOwner || EnterpriseUser is { IsAdmin: true } or { IsOwner: true });
}

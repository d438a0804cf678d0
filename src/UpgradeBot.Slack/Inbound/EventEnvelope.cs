namespace UpgradeBot.Slack.Inbound;

/// <summary>An <c>event_callback</c> as the worker reads it after the ack.</summary>
internal sealed record EventEnvelope(
    string? ApiAppId,
    string? TeamId,
    string? EnterpriseId,
    bool? IsEnterpriseInstall,
    long? EventTime,
    SlackEvent? Event,
    IReadOnlyList<EventAuthorization>? Authorizations)
{
    /// <summary>
    /// The installation it was delivered for, read as Bolt reads it: from the first authorization
    /// (right for events from shared channels too), else from the envelope. An org-wide install's
    /// authorization names the organization and no team.
    /// </summary>
    public SlackInstallationQuery Installation => Authorizations is [{ } first, ..]
        ? new(first.EnterpriseId ?? EnterpriseId, first.TeamId ?? TeamId, first.IsEnterpriseInstall ?? false)
        : new(EnterpriseId, TeamId, IsEnterpriseInstall ?? false);

    /// <summary>When it happened; the Unix epoch when the envelope does not say.</summary>
    public DateTimeOffset HappenedAt => DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(EventTime ?? 0, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
}

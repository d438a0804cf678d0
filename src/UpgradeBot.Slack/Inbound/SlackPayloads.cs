using System.Text.Json;
using UpgradeBot.Slack.Installations;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// Just what the ack of an Events API request (<c>url_verification</c>, <c>event_callback</c>) needs. The event itself is read by the worker after the ack, so the request
/// path skips over it instead of materializing it.
/// </summary>
internal sealed record EventEnvelopeHead(string? Type, string? Challenge, string? EventId, string? TeamId, EventHead? Event)
{
    /// <summary>The conversation the event belongs to, so its events are handled in order and one at a time.</summary>
    public string Lane => (TeamId, Event?.ChannelId) switch
    {
        ({ } team, { } channel) => $"{team}/{channel}",
        ({ } team, null) => team,
        _ => EventId ?? string.Empty,
    };
}

/// <summary>The one field of the event the ack reads: its channel, when it is a plain id.</summary>
internal sealed record EventHead(JsonElement? Channel)
{
    public string? ChannelId => Channel is { ValueKind: JsonValueKind.String } channel ? channel.GetString() : null;
}

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

/// <summary>An installation the event was delivered for (Slack lists one).</summary>
internal sealed record EventAuthorization(string? EnterpriseId, string? TeamId, bool? IsEnterpriseInstall);

/// <summary>
/// The fields of the events the bot subscribes to. <see cref="Channel"/> stays raw: most events carry
/// a channel id string, some (channel_created) an object, and one unexpected shape must not make
/// the whole envelope unreadable.
/// </summary>
internal sealed record SlackEvent(
    string? Type,
    string? Subtype,
    string? User,
    string? BotId,
    string? Text,
    string? Ts,
    string? ThreadTs,
    string? ChannelType,
    JsonElement? Channel,
    string? Team,
    RevokedTokens? Tokens,
    string? Tab = null)
{
    public string? ChannelId => Channel is { ValueKind: JsonValueKind.String } channel ? channel.GetString() : null;
}

internal sealed record RevokedTokens(IReadOnlyList<string>? Oauth, IReadOnlyList<string>? Bot);

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

internal sealed record InteractionUser(string? Id, string? Username, string? Name, string? TeamId);

internal sealed record InteractionTeam(string? Id);

internal sealed record InteractionChannel(string? Id);

/// <summary>The clicked message: its ts, the thread it is in (a reply has both), and whether only the clicker sees it.</summary>
internal sealed record InteractionContainer(string? ChannelId, string? MessageTs, string? ThreadTs, bool? IsEphemeral);

internal sealed record InteractionMessage(string? Ts, string? ThreadTs);

internal sealed record BlockAction(string? ActionId, string? Value, string? ActionTs);

/// <summary>
/// The view a <c>view_submission</c> came from: which one, what we put in it (<c>private_metadata</c>),
/// and what the person entered (<c>state.values[block_id][action_id]</c>).
/// </summary>
internal sealed record InteractionView(string? Id, string? CallbackId, string? PrivateMetadata, ViewState? State);

internal sealed record ViewState(IReadOnlyDictionary<string, IReadOnlyDictionary<string, ViewStateValue?>?>? Values)
{
    /// <summary>What the element of a block holds: typed text, or the value of the option chosen; null when empty or absent.</summary>
    public string? Read(string blockId, string actionId) =>
        Values?.GetValueOrDefault(blockId)?.GetValueOrDefault(actionId) is { } element ? element.Value ?? element.SelectedOption?.Value : null;
}

internal sealed record ViewStateValue(string? Type, string? Value, SelectedOption? SelectedOption);

internal sealed record SelectedOption(string? Value);

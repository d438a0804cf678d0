namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// The view a <c>view_submission</c> came from: which one, what we put in it (<c>private_metadata</c>),
/// and what the person entered (<c>state.values[block_id][action_id]</c>).
/// </summary>
internal sealed record InteractionView(string? Id, string? CallbackId, string? PrivateMetadata, ViewState? State);

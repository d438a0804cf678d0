namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// The body of the answer to a <c>view_submission</c> (the settings and resolve modals):
/// <c>errors</c> puts a message beside each named block, <c>update</c> replaces the modal with <see cref="View"/>.
/// </summary>
internal sealed record ViewSubmissionResponse(string ResponseAction, IReadOnlyDictionary<string, string>? Errors = null, ModalView? View = null);

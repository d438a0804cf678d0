using Microsoft.AspNetCore.Http;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// The settings modal, handled in the request rather than by the inbound queue: views.open takes a
/// click's trigger id only for 3 seconds, and a <c>view_submission</c>'s errors can only be shown
/// by the HTTP response to it. Core decides; this reads the payload, asks users.info through
/// <see cref="SlackCustomers"/> and draws the result.
/// </summary>
internal sealed partial class SlackSettingsHandler(
    BotConversation conversation,
    SlackApiClient api,
    SlackInstallations installations,
    SlackCustomers customers,
    IInboundEventStore store,
    SlackInboundSignal signal,
    TimeProvider time,
    ILogger<SlackSettingsHandler> logger)
{
    /// <summary>"Change settings" (a message or the App Home): the modal, editable for whoever may change the settings.</summary>
    public async Task<IResult> OpenAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (payload is not { TriggerId: { Length: > 0 and <= 200 } trigger, User.Id: { } user, TeamId: { } team })
        {
            return Results.BadRequest();
        }

        if ((await AuthorizeAsync(payload, cancellationToken).ConfigureAwait(false)).Installation is not { } installation)
        {
            return Results.Ok();
        }

        var asker = SlackCustomers.Asker(installation, team, user, Name(payload), Where(payload, user));
        var form = await conversation.SettingsAsync(asker, customers.Access(installation, team, user), cancellationToken).ConfigureAwait(false);
        await OpenModalAsync(installation, team, trigger, form, started, cancellationToken).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>
    /// Opens the modal for <paramref name="form"/> (the <c>/upgrade settings</c> command, the button);
    /// false when Slack would not, so the caller can show the settings another way.
    /// </summary>
    public async Task<bool> OpenModalAsync(SlackInstallation installation, string teamId, string triggerId, CustomerSettingsForm form, long started, CancellationToken cancellationToken)
    {
        var result = await api.OpenViewAsync(SlackCustomers.Credentials(installation, teamId), triggerId, SlackViews.Modal(form), cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        if (result.Status != SlackCallStatus.Ok)
        {
            LogNotOpened(teamId, result.Error, elapsed.TotalMilliseconds);
            return false;
        }

        LogOpened(teamId, elapsed.TotalMilliseconds);
        return true;
    }

    /// <summary>
    /// The modal's Save: <c>response_action: errors</c> with a message beside each field that is not
    /// right; otherwise the modal becomes the stored (or refused) settings, and the person's Home tab
    /// is brought up to date by the inbound queue.
    /// </summary>
    public async Task<IResult> SubmitAsync(InteractionPayload payload, string raw, CancellationToken cancellationToken)
    {
        if (payload is not { User.Id: { } user, TeamId: { } team, View.State: { } state })
        {
            return Results.BadRequest();
        }

        var authorization = await AuthorizeAsync(payload, cancellationToken).ConfigureAwait(false);
        if (authorization.Installation is not { } installation)
        {
            // Not installed any more: the modal closes. Slack unreachable: the person is told to try again.
            return authorization.Status == SlackAuthorizationStatus.NotInstalled
                ? Results.Ok()
                : Results.Json(new ViewSubmissionResponse("errors", Errors: new Dictionary<string, string> { [CustomerSettingsFields.Deployment.Id] = "I can't save right now. Please try again in a minute." }), SlackJson.Options);
        }

        var input = new CustomerSettingsInput(
            state.Read(CustomerSettingsFields.Deployment.Id, CustomerSettingsFields.Deployment.Id),
            state.Read(CustomerSettingsFields.AccountId.Id, CustomerSettingsFields.AccountId.Id),
            state.Read(CustomerSettingsFields.SupportContact.Id, CustomerSettingsFields.SupportContact.Id));
        var asker = SlackCustomers.Asker(installation, team, user, Name(payload), Where(payload, user));
        var form = await conversation.ChangeSettingsAsync(asker, customers.Access(installation, team, user), input, cancellationToken).ConfigureAwait(false);
        switch (form.Outcome)
        {
            case SettingsFormOutcome.Invalid:
                return Results.Json(new ViewSubmissionResponse("errors", Errors: form.Errors), SlackJson.Options);
            case SettingsFormOutcome.Saved when payload.TriggerId is { Length: > 0 and <= 200 } trigger:
                if (await store.TryEnqueueAsync(SlackPlatform.Name, team, $"{SlackPayloadTypes.ViewSubmission}:{trigger}", $"{team}/{user}", raw, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    signal.Wake();
                }

                break;
        }

        return Results.Json(new ViewSubmissionResponse("update", View: SlackViews.Modal(form with { Editable = false })), SlackJson.Options);
    }

    private async Task<SlackAuthorization> AuthorizeAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var authorization = await installations.AuthorizeAsync(payload.Installation, cancellationToken).ConfigureAwait(false);
        if (authorization.Status == SlackAuthorizationStatus.NotInstalled)
        {
            installations.NotInstalledHere(payload.Installation);
        }

        return authorization;
    }

    private static string Name(InteractionPayload payload) => payload.User?.Username ?? payload.User?.Name ?? payload.User?.Id ?? string.Empty;

    private static string Where(InteractionPayload payload, string user) => payload.Channel?.Id ?? payload.Container?.ChannelId ?? user;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opened the settings modal in {TeamId} {ElapsedMs} ms after the click arrived")]
    private partial void LogOpened(string teamId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not open the settings modal in {TeamId} ({Error}) {ElapsedMs} ms after the click arrived")]
    private partial void LogNotOpened(string teamId, string? error, double elapsedMs);
}

using Microsoft.AspNetCore.Http;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// The one piece of Slack interactivity handled in the request itself rather than after the ack:
/// resolving an escalation from the Customer Champions channel asks for an optional note in a modal.
/// views.open only accepts the click's trigger id for 3 seconds, and the queued clicks may wait
/// longer than that behind others, so the resolve click opens the form before it is acknowledged
/// (a click that may not open it goes to the queue, which tells the clicker why). The form's
/// submission is answered in its response too, which is how Slack shows a modal's errors or
/// changes it; the change itself is one short write, like storing an event to the queue.
/// </summary>
internal sealed partial class SlackResolveForm(
    EscalationStates states,
    SlackApiClient api,
    SlackInstallations installations,
    ILogger<SlackResolveForm> logger)
{
    /// <summary>views.open must be done within the 3 seconds the trigger id lives, minus what the request took to arrive.</summary>
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromMilliseconds(2500);

    /// <summary>Opens the form for a resolve click; false when it did not, and the queue should tell the clicker.</summary>
    public async Task<bool> OpenAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        if (payload.TriggerId is not { Length: > 0 } trigger || payload.TeamId is not { } team || payload.ChannelId is not { } channel
            || action.Value is not { Length: > 0 and <= EscalationContextValidator.MaxIdLength } reference)
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(OpenTimeout);
        try
        {
            if (await installations.AuthorizeAsync(payload.Installation, timeout.Token).ConfigureAwait(false) is not { Status: SlackAuthorizationStatus.Installed, Installation: { } installation })
            {
                return false;
            }

            var (escalation, instead) = await states.ResolveFormAsync(reference, SlackPlatform.Key(team, channel), timeout.Token).ConfigureAwait(false);
            if (instead is not null || escalation is null)
            {
                return false;
            }

            var metadata = JsonSerializer.Serialize(new FormMetadata(reference, team, channel), SlackJson.Options);
            var credentials = SlackCustomers.Credentials(installation, team);
            var result = await api.OpenViewAsync(credentials, trigger, SlackRenderer.ResolveForm(escalation, metadata), timeout.Token).ConfigureAwait(false);
            if (result.Status != SlackCallStatus.Ok)
            {
                LogNotOpened(reference, result.Error);
            }

            return result.Status == SlackCallStatus.Ok;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogNotOpened(reference, "timeout");
            return false;
        }
    }

    /// <summary>
    /// The submitted form: resolves with the note. An empty answer closes the form; otherwise the form
    /// shows what became of it (already resolved by someone else, not allowed) or the note's problem.
    /// </summary>
    public async Task<IResult> SubmitAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        var view = payload.View!;
        FormMetadata? form;
        try
        {
            form = view.PrivateMetadata is { } metadata ? JsonSerializer.Deserialize<FormMetadata>(metadata, SlackJson.Options) : null;
        }
        catch (JsonException)
        {
            form = null;
        }

        if (form is not { Reference.Length: > 0, Team.Length: > 0, Channel.Length: > 0 } || payload.User?.Id is not { } user)
        {
            return Results.BadRequest();
        }

        var authorization = await installations.AuthorizeAsync(payload.Installation, cancellationToken).ConfigureAwait(false);
        switch (authorization.Status)
        {
            case SlackAuthorizationStatus.NotInstalled:
                installations.NotInstalledHere(payload.Installation);
                return Results.Ok();
            case SlackAuthorizationStatus.Unavailable:
                return Errors("I can't do this right now. Please try again in a minute.");
        }

        var by = new EscalationActor(SlackPlatform.Name, user, payload.UserName ?? user);
        var note = view.State?.Read(SlackRenderer.NoteBlockId, SlackRenderer.NoteActionId);
        var result = await states.ChangeAsync(form.Reference, EscalationState.Resolved, by, SlackPlatform.Key(form.Team, form.Channel), note, cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            EscalationChangeOutcome.Changed => Results.Ok(),
            EscalationChangeOutcome.Invalid => Errors(result.Notice.Text),
            _ => Results.Json(new ViewSubmissionResponse("update", View: SlackRenderer.NoticeView(result.Notice)), SlackJson.Options),
        };
    }

    private static IResult Errors(string message) =>
        Results.Json(new ViewSubmissionResponse("errors", Errors: new Dictionary<string, string> { [SlackRenderer.NoteBlockId] = message }), SlackJson.Options);

    /// <summary>What the form carries from the click to its submission: which escalation, and the channel it was clicked in.</summary>
    private sealed record FormMetadata(string Reference, string Team, string Channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack did not open the form to resolve {Reference} ({Error}); the clicker is told")]
    private partial void LogNotOpened(string reference, string? error);
}

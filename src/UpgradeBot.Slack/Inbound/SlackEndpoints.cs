using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Conversations;
using UpgradeBot.Core.Diagnostics;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Inbound;
using UpgradeBot.Slack.Verification;

namespace UpgradeBot.Slack.Inbound;

/// <summary>
/// The three Slack endpoints. Each runs behind <see cref="SlackRequestFilter"/>, so the body here
/// is verified. Events and clicks are stored and acknowledged at once (Slack's 3-second deadline)
/// and handled by <see cref="SlackInboundQueue"/>; a slash command is answered in the response. The
/// modals are the exception (<see cref="SlackSettingsHandler"/>, <see cref="SlackResolveForm"/>):
/// opening one within the 3 seconds its trigger lives and showing its errors can only be done within
/// the request.
/// </summary>
internal static class SlackEndpoints
{
    public const string SlashCommand = "/upgrade";

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static async Task<IResult> Events(HttpContext http, IInboundEventStore store, SlackInboundSignal signal, SlackInboundPacing pacing, TimeProvider time)
    {
        var body = SlackRequestFilter.VerifiedBody(http);
        EventEnvelopeHead? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<EventEnvelopeHead>(body.Span, SlackJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        switch (envelope?.Type)
        {
            case SlackPayloadTypes.UrlVerification when envelope.Challenge is { } challenge:
                return Results.Json(new { challenge });
            case SlackPayloadTypes.EventCallback when envelope.EventId is { Length: > 0 and <= 256 } eventId:
                // A retry of a known event is acknowledged and not queued again; the first copy is
                // still handled by the worker if it never was. A question from a workspace held back
                // by its cap is due at a later slot, and the worker looks for it then, not now.
                var team = envelope.TeamId ?? string.Empty;
                var due = SlackEventHandler.Answers(envelope.Event?.TypeName) ? pacing.DueAt(team) : null;
                if (await store.TryEnqueueAsync(SlackPlatform.Name, team, eventId, envelope.Lane, Encoding.UTF8.GetString(body.Span), time.GetUtcNow(), due, http.RequestAborted).ConfigureAwait(false))
                {
                    Received(signal, due, time);
                }

                return Results.Ok();
            case SlackPayloadTypes.UrlVerification or SlackPayloadTypes.EventCallback:
                return Results.BadRequest();
            default:
                // Other envelope types (app_rate_limited) need no answer beyond the ack.
                return Results.Ok();
        }
    }

    public static async Task<IResult> Interactions(HttpContext http, IInboundEventStore store, SlackInboundSignal signal, SlackSettingsHandler settings, SlackResolveForm resolveForm, TimeProvider time)
    {
        var form = Form(SlackRequestFilter.VerifiedBody(http));
        if (form is null || !form.TryGetValue("payload", out var raw) || raw.Count != 1)
        {
            return Results.BadRequest();
        }

        InteractionPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<InteractionPayload>(raw[0]!, SlackJson.Options);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (payload is null)
        {
            return Results.BadRequest();
        }

        if (payload.Type == SlackPayloadTypes.ViewSubmission)
        {
            return payload.View?.CallbackId switch
            {
                CustomerSettingsFields.SubmitVerb => await settings.SubmitAsync(payload, raw[0]!, http.RequestAborted).ConfigureAwait(false),
                SlackRenderer.ResolveCallbackId => await resolveForm.SubmitAsync(payload, http.RequestAborted).ConfigureAwait(false),
                _ => Results.Ok(),
            };
        }

        if (payload.Type == SlackPayloadTypes.BlockActions && payload.Actions?.Any(a => a?.ActionId == SlackRenderer.SettingsActionId) == true)
        {
            return await settings.OpenAsync(payload, http.RequestAborted).ConfigureAwait(false);
        }

        var clicked = payload.Type == SlackPayloadTypes.BlockActions
            ? payload.Actions?.FirstOrDefault(a => SlackInteractionHandler.Handles(a?.ActionId))
            : null;
        if (clicked is null)
        {
            return Results.Ok();
        }

        // Every click has its own trigger id; a double click is two requests, and the escalation
        // service answers the second with the first one's reference.
        var id = payload.TriggerId ?? clicked.ActionTs;
        if (id is not { Length: > 0 and <= 200 })
        {
            return Results.BadRequest();
        }

        if (clicked.ActionId == SlackRenderer.ResolveActionId && await resolveForm.OpenAsync(payload, clicked, http.RequestAborted).ConfigureAwait(false))
        {
            return Results.Ok();
        }

        var team = payload.TeamId;
        var channel = payload.ChannelId;
        var lane = team is null ? id : channel is null ? team : $"{team}/{channel}";
        if (await store.TryEnqueueAsync(SlackPlatform.Name, team ?? string.Empty, $"interaction:{id}", lane, raw[0]!, time.GetUtcNow(), http.RequestAborted).ConfigureAwait(false))
        {
            Received(signal, null, time);
        }

        return Results.Ok();
    }

    /// <summary>
    /// A slash command is answered in the response, which needs no token; it is still authorized, so
    /// a workspace that removed the app is told so rather than answered. <c>/upgrade settings</c>
    /// opens the settings modal with the command's trigger id instead, when Slack lets it.
    /// </summary>
    public static async Task<IResult> Commands(HttpContext http, BotConversation conversation, SlackInstallations installations, SlackCustomers customers, SlackSettingsHandler settings, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var form = Form(SlackRequestFilter.VerifiedBody(http));
        if (form is null
            || Field(form, "command") is not { } command
            || Field(form, "team_id") is not { } team
            || Field(form, "channel_id") is not { } channel
            || Field(form, "user_id") is not { } user)
        {
            return Results.BadRequest();
        }

        if (!string.Equals(command, SlashCommand, StringComparison.Ordinal))
        {
            return Ephemeral($"I only know {SlashCommand}.");
        }

        var enterprise = Field(form, "enterprise_id");
        var query = new SlackInstallationQuery(enterprise, team, string.Equals(Field(form, "is_enterprise_install"), "true", StringComparison.OrdinalIgnoreCase));
        var authorization = await installations.AuthorizeAsync(query, http.RequestAborted).ConfigureAwait(false);
        switch (authorization)
        {
            case { Status: SlackAuthorizationStatus.NotInstalled }:
                installations.NotInstalledHere(query);
                return Ephemeral("I'm not installed in this workspace any more. Ask a workspace admin to add UpgradeBot again.");
            case { Installation: null }:
                return Ephemeral("I can't answer right now. Please try again in a minute.");
        }

        var installation = authorization.Installation;
        var asker = SlackCustomers.Asker(installation, team, user, Field(form, "user_name") ?? user, channel);
        var utterance = new Utterance(
            Field(form, "text") ?? string.Empty, asker, SlackPlatform.Address(team, channel, enterprise), Field(form, "channel_name"), SlackPlatform.Syntax, customers.Access(installation, team, user));
        var response = await conversation.RespondAsync(utterance, http.RequestAborted).ConfigureAwait(false);
        if (response.Content is CustomerSettingsForm settingsForm
            && Field(form, "trigger_id") is { Length: <= 200 } trigger
            && await settings.OpenModalAsync(installation, team, trigger, settingsForm, started, http.RequestAborted).ConfigureAwait(false))
        {
            // The modal is the answer; an empty acknowledgement shows nothing more in the channel.
            return Results.Ok();
        }

        var message = SlackRenderer.Render(response.Content);
        return Results.Json(new CommandResponse(response.ForEveryone ? "in_channel" : "ephemeral", message.Text, message.Blocks), SlackJson.Options);
    }

    private static IResult Ephemeral(string text) => Results.Json(new { response_type = "ephemeral", text });

    private static void Received(SlackInboundSignal signal, DateTimeOffset? due, TimeProvider time)
    {
        BotMetrics.InboundEvents.Add(1, BotMetrics.Tags(SlackPlatform.Name, "received"));
        if (due is { } at)
        {
            signal.WakeAt(at, time);
        }
        else
        {
            signal.Wake();
        }
    }

    private static Dictionary<string, StringValues>? Form(ReadOnlyMemory<byte> body)
    {
        try
        {
            var text = StrictUtf8.GetString(body.Span);
            return QueryHelpers.ParseQuery(text);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? Field(Dictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private sealed record CommandResponse(string ResponseType, string Text, IReadOnlyList<Block> Blocks);
}

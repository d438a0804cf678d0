using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace UpgradeBot.Teams.Inbound;

/// <summary>The one place turn errors are handled: logged with structure, the user told briefly, the exception text kept out of the chat.</summary>
public sealed partial class TeamsAdapter : CloudAdapter
{
    private const string Apology = "Sorry, something went wrong on my side. Please try again in a moment.";

    private readonly ILogger<TeamsAdapter> _logger;

    public TeamsAdapter(BotFrameworkAuthentication authentication, ILogger<TeamsAdapter> logger)
        : base(authentication, logger)
    {
        _logger = logger;
        OnTurnError = HandleTurnErrorAsync;
    }

    private async Task HandleTurnErrorAsync(ITurnContext turnContext, Exception exception)
    {
        var activity = turnContext.Activity;
        LogTurnFailed(exception, activity.Type, activity.Name, activity.Conversation?.ConversationType, TeamsActivities.TenantId(activity));
        try
        {
            // An invoke is answered in its HTTP response, so the apology has to be the invoke response itself.
            var apology = activity.Type == ActivityTypes.Invoke
                ? new Activity
                {
                    Type = ActivityTypesEx.InvokeResponse,
                    Value = new InvokeResponse { Status = 200, Body = TeamsActivities.CardInvokeResponse(TeamsCards.Render(new Notice("Something went wrong.", Apology))) },
                }
                : MessageFactory.Text(Apology);
            await turnContext.SendActivityAsync(apology).ConfigureAwait(false);
        }
        catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
        {
            LogApologyFailed(sendFailure, activity.Conversation?.ConversationType);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams turn failed: {ActivityType} {ActivityName} in a {ConversationType} conversation of tenant {TenantId}")]
    private partial void LogTurnFailed(Exception exception, string? activityType, string? activityName, string? conversationType, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the user about a failed turn in a {ConversationType} conversation")]
    private partial void LogApologyFailed(Exception exception, string? conversationType);
}

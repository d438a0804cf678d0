using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Teams.Cards;

namespace UpgradeBot.Teams;

/// <summary>Posts each new escalation as a card into the Customer Champions conversation in Teams (<c>Escalation:Teams</c>).</summary>
public sealed class TeamsChampionNotifier(TeamsMessenger messenger, IOptions<EscalationOptions> options) : IChampionNotifier
{
    /// <summary>Teams' public service URL, used when <c>Escalation:Teams:ServiceUrl</c> is not set.</summary>
    public const string DefaultServiceUrl = "https://smba.trafficmanager.net/teams/";

    private TeamsChampionsOptions Champions => options.Value.Teams;

    public string Destination => TeamsActivities.Platform;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Champions.ConversationId);

    public async Task NotifyAsync(EscalationRecord escalation, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured)
        {
            throw new ChampionDeliveryException("Escalation:Teams:ConversationId is not set.", permanent: true);
        }

        var reference = new ConversationReference
        {
            ChannelId = Microsoft.Bot.Connector.Channels.Msteams,
            ServiceUrl = string.IsNullOrWhiteSpace(Champions.ServiceUrl) ? DefaultServiceUrl : Champions.ServiceUrl,
            Bot = new ChannelAccount { Id = messenger.AppId },
            Conversation = new ConversationAccount
            {
                Id = Champions.ConversationId,
                TenantId = Champions.TenantId,
                IsGroup = true,
            },
        };
        var message = TeamsActivities.CardMessage(TeamsCards.Escalation(escalation));
        var result = await messenger.SendAsync(
            reference,
            async (turn, token) => (await turn.SendActivityAsync(message, token).ConfigureAwait(false))?.Id,
            cancellationToken).ConfigureAwait(false);

        // A conversation the bot was removed from will not come back: the outbox gives up at once.
        if (result.Status != SendStatus.Sent)
        {
            throw new ChampionDeliveryException(
                $"Posting escalation {escalation.Reference} to Customer Champions in Teams failed: {result.Error}",
                permanent: result.Status == SendStatus.Permanent);
        }
    }
}

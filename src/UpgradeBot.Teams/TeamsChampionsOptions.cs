using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Teams;

/// <summary><c>Escalation:Teams</c>: the Customer Champions conversation in Teams.</summary>
public sealed class TeamsChampionsOptions
{
    public const string Section = "Escalation:Teams";

    /// <summary>Teams' public service URL, used when <see cref="ServiceUrl"/> is not set.</summary>
    public const string DefaultServiceUrl = "https://smba.trafficmanager.net/teams/";

    public string? ConversationId { get; set; }

    public string? ServiceUrl { get; set; }

    public string? TenantId { get; set; }

    /// <summary>Where the bot posts escalations, as a stored conversation would be; null when not configured.</summary>
    public ConversationAddress? Address(string? appId)
    {
        if (string.IsNullOrWhiteSpace(ConversationId))
        {
            return null;
        }

        var reference = new ConversationReference
        {
            ChannelId = Microsoft.Bot.Connector.Channels.Msteams,
            ServiceUrl = string.IsNullOrWhiteSpace(ServiceUrl) ? DefaultServiceUrl : ServiceUrl,
            Bot = new ChannelAccount { Id = appId ?? string.Empty },
            Conversation = new ConversationAccount { Id = ConversationId, TenantId = TenantId, IsGroup = true },
        };
        return new ConversationAddress(new ConversationKey(TeamsPlatform.Name, TenantId ?? string.Empty, ConversationId), JsonConvert.SerializeObject(reference));
    }
}

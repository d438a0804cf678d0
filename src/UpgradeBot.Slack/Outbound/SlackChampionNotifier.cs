using Microsoft.Extensions.Options;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Slack.Api;
using UpgradeBot.Slack.BlockKit;

namespace UpgradeBot.Slack.Outbound;

/// <summary>Posts each new escalation into the Customer Champions channel <c>Escalation:Slack:ChannelId</c>.</summary>
public sealed class SlackChampionNotifier(SlackApiClient api, IOptions<EscalationOptions> options) : IChampionNotifier
{
    public string Destination => SlackChannel.Platform;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Slack.ChannelId);

    public async Task NotifyAsync(EscalationRecord escalation, CancellationToken cancellationToken = default)
    {
        var channel = options.Value.Slack.ChannelId;
        if (string.IsNullOrWhiteSpace(channel))
        {
            throw new ChampionDeliveryException("Escalation:Slack:ChannelId is not set.", permanent: true);
        }

        var result = await api.PostMessageAsync(channel, SlackRenderer.ChampionNotice(escalation), threadTs: null, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case SlackCallStatus.Ok:
                return;
            case SlackCallStatus.ChannelGone:
                throw new ChampionDeliveryException(
                    $"Slack refused Escalation:Slack:ChannelId {channel} ({result.Error}); invite the bot to that channel or fix the id.", permanent: true);
            case SlackCallStatus.Refused:
                throw new ChampionDeliveryException($"Slack refused the escalation post ({result.Error}).", permanent: true);
            default:
                // Transient, or a bad token an operator can fix: the outbox retries with backoff.
                throw new ChampionDeliveryException($"Slack could not take the escalation post yet ({result.Error}).", permanent: false);
        }
    }
}

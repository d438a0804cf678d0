using UpgradeBot.Core.Background;

namespace UpgradeBot.Slack.Inbound;

/// <summary>Wakes the Slack inbound queue when an endpoint has stored an event or a click.</summary>
public sealed class SlackInboundSignal : WorkSignal;

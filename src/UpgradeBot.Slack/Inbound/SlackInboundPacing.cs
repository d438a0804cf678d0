using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Slack.Inbound;

/// <summary>The workspaces whose new events are spread out while Slack's workspace cap holds them back.</summary>
public sealed class SlackInboundPacing(TimeProvider time) : InboundPacing(time);

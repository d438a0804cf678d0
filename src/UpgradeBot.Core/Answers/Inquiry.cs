namespace UpgradeBot.Core.Answers;

/// <summary>A question as the channel adapters hand it to Core, mention markup already stripped.</summary>
/// <param name="Deployment">Set when the caller knows better than configuration (the ask verb).</param>
public sealed record Inquiry(string Text, DateTimeOffset AskedAt, Asker Asker, DeploymentType? Deployment = null);

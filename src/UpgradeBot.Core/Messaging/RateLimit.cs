namespace UpgradeBot.Core.Messaging;

/// <summary>
/// A platform limit on sends under one key (a channel, a conversation, a workspace, a tenant): at
/// most <see cref="Count"/> in any <see cref="Window"/>.
/// </summary>
public sealed record RateLimit(string Key, int Count, TimeSpan Window);

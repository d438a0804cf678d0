namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// A kind of question the bot turns away even when it uses a topic's words (how-to questions,
/// outages, other products), as operators write it in the knowledge file.
/// </summary>
public sealed record Decline(string Id, IReadOnlyList<string> Examples);

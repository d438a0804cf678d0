namespace UpgradeBot.Core.Answers;

/// <summary>What a customer's admins can expect in their console right now, in the words the answers use.</summary>
/// <param name="Text">Where upgrades stand, in a sentence.</param>
/// <param name="Symptoms">What the console may show meanwhile, on the customer's deployment; empty when no upgrade explains anything.</param>
/// <param name="Advice">What to do if something persists, as the answers say it.</param>
public sealed record Outlook(string Text, IReadOnlyList<string> Symptoms, string? Advice);

namespace UpgradeBot.Core.Answers;

/// <summary>The escalate button: what it is labelled and the context the client sends back on a click.</summary>
public sealed record EscalationOffer(EscalationContext Context)
{
    public const string ActionVerb = "escalate";
    public const string ButtonTitle = "Escalate to Customer Champions";
}

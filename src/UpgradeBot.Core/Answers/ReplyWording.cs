using System.Globalization;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Core.Answers;

/// <summary>The sentences the bot says about timing; topic-specific text lives in the knowledge file.</summary>
internal sealed class ReplyWording(BusinessCalendar calendar)
{
    public string When(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, calendar.TimeZone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)
        + $" ({calendar.TimeZone.Id})";

    public string Headline(Topic topic, TimingAssessment timing, bool deploymentRulesOut) => (topic.Kind, timing.Verdict) switch
    {
        (TopicKind.Unaffected, _) => $"Upgrades don't affect the {topic.Title}, so this is not the upgrade.",
        (_, Verdict.NotUpgradeRelated) when deploymentRulesOut => $"On your deployment, upgrades don't cause this ({topic.Title}).",
        (_, Verdict.ExpectedDuringUpgrade) => $"Yes, that's expected: {timing.Upgrade!.Title} is in progress.",
        (_, Verdict.SettlingAfterUpgrade) => $"Most likely the upgrade: {timing.Upgrade!.Title} has just finished and things should settle by {When(timing.GraceDeadline!.Value)}.",
        (_, Verdict.PersistingEscalate) => $"This should have settled by now: {timing.Upgrade!.Title} ended on {When(timing.Upgrade.End)}.",
        _ => "No upgrade explains this right now.",
    };

    /// <summary>The state of upgrades in a sentence, for a view of them rather than an answer to a question.</summary>
    public string Outlook(TimingAssessment timing) => timing.Verdict switch
    {
        Verdict.ExpectedDuringUpgrade => $"{timing.Upgrade!.Title} is in progress. Until it ends, your admin console may show the following; there is no risk to your environment or data.",
        Verdict.SettlingAfterUpgrade => $"{timing.Upgrade!.Title} has just finished. Until things settle, your admin console may still show the following.",
        Verdict.PersistingEscalate => $"{timing.Upgrade!.Title} ended on {When(timing.Upgrade.End)}; its effects should be gone by now, so it does not explain what you see in your admin console.",
        _ => "No upgrade is running, so an upgrade does not explain what you see in your admin console.",
    };

    public string? TimingAdvice(Verdict verdict) => verdict switch
    {
        Verdict.ExpectedDuringUpgrade => "It clears up on its own after the upgrade. If it is still there more than one business day after the upgrade has ended, ask me again and I can hand it to Customer Champions.",
        Verdict.SettlingAfterUpgrade => "Give it until the time above. If it is still there after that, ask me again and I can hand it to Customer Champions.",
        Verdict.PersistingEscalate => "Symptoms from an upgrade are gone within one business day of its end. Check the Service Status Updates first; if nothing there explains it, escalate to Customer Champions with the button.",
        Verdict.NotUpgradeRelated => "Check the Service Status Updates first. If nothing there explains it, Customer Champions can look into it with you.",
        _ => null,
    };

    public static string? DeploymentNote(Topic topic, DeploymentType deployment, KnowledgeBase knowledge)
    {
        if (topic.Kind != TopicKind.Symptom)
        {
            return null;
        }

        if (deployment != DeploymentType.Unknown)
        {
            return topic.CanAffect(deployment)
                ? null
                : $"Your deployment is set up as {Describe(deployment)}; upgrades don't cause this there.";
        }

        if (topic.HybridNote is not null)
        {
            return topic.HybridNote;
        }

        var hybridOnly = knowledge.Topics
            .Where(t => t.Kind == TopicKind.Symptom && !t.CanAffect(DeploymentType.PublicCloud) && t.CanAffect(DeploymentType.HybridCloud))
            .Select(t => t.Title)
            .ToArray();
        return hybridOnly.Length == 0
            ? null
            : $"On hybrid cloud deployments an upgrade can also cause: {string.Join("; ", hybridOnly)}.";
    }

    public static string Describe(DeploymentType deployment) => deployment switch
    {
        DeploymentType.PublicCloud => "public cloud",
        DeploymentType.HybridCloud => "hybrid cloud",
        _ => "unknown",
    };

    public static string WhatHappensNext(bool isNew) => isNew
        ? "Customer Champions have your question with its full context and will contact you. Quote this reference if you follow up."
        : "You already escalated this problem and Customer Champions are on it. Quote this reference if you follow up.";
}

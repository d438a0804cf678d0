using UpgradeBot.Core.Conversations;

namespace UpgradeBot.Core.Escalation;

/// <summary>
/// Customer Champions moving escalations on: acknowledge and resolve, from a button in their
/// conversation or from the admin API. The rules, the same everywhere: only the Customer Champions
/// conversation may act; a state only moves forward; a change to a state already reached changes
/// nothing and answers with where it stands; the store decides atomically, so two clicks at once
/// make one change. A change wakes the outbox, which updates every copy and tells the requester.
/// </summary>
public sealed partial class EscalationStates(
    IEscalationStore store,
    EscalationOutbox outbox,
    IAnswerService answers,
    TimeProvider time,
    ILogger<EscalationStates> logger)
{
    /// <summary>
    /// Moves the escalation to <paramref name="to"/>. <paramref name="from"/> is the conversation the
    /// click came from; null for the admin API, whose caller holds an admin key.
    /// </summary>
    public async Task<EscalationChangeResult> ChangeAsync(
        string reference, EscalationState to, EscalationActor by, ConversationKey? from, string? note, CancellationToken cancellationToken = default)
    {
        if (to == EscalationState.Open)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "An escalation never moves back to open.");
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is not null && (note.Length > EscalationStateChange.MaxNoteLength || !UserText.IsWellFormed(note)))
        {
            return Result(EscalationChangeOutcome.Invalid, reference, to, null);
        }

        if (from is not null && !outbox.IsChampions(from))
        {
            LogRefused(reference, from.Platform, from.TenantId, from.ChannelId);
            return Result(EscalationChangeOutcome.Refused, reference, to, null);
        }

        if (await store.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { } escalation)
        {
            return Result(EscalationChangeOutcome.NotFound, reference, to, null);
        }

        var change = await store.ChangeStateAsync(
            reference, new EscalationStateChange(to, by, time.GetUtcNow(), note), outbox.Notified(escalation), cancellationToken).ConfigureAwait(false);
        if (change.Outcome == EscalationChangeOutcome.Changed)
        {
            outbox.Signal.Wake();
            LogChanged(reference, to, by.Platform);
        }

        return Result(change.Outcome, reference, to, change.Escalation);
    }

    /// <summary>
    /// Whether a form to resolve <paramref name="reference"/> (where a platform asks for the note
    /// first) may be shown to someone in <paramref name="from"/>: the escalation to show in it, or
    /// what to tell them instead (not the Customer Champions conversation, no such escalation,
    /// already resolved). Nothing changes either way.
    /// </summary>
    public async Task<(EscalationRecord? Escalation, Notice? Instead)> ResolveFormAsync(string reference, ConversationKey from, CancellationToken cancellationToken = default)
    {
        const EscalationState to = EscalationState.Resolved;
        if (!outbox.IsChampions(from))
        {
            LogRefused(reference, from.Platform, from.TenantId, from.ChannelId);
            return (null, EscalationWording.ForActor(EscalationChangeOutcome.Refused, reference, to, null));
        }

        var escalation = await store.GetAsync(reference, cancellationToken).ConfigureAwait(false);
        return escalation switch
        {
            null => (null, EscalationWording.ForActor(EscalationChangeOutcome.NotFound, reference, to, null)),
            { State: EscalationState.Resolved } => (escalation, EscalationWording.ForActor(EscalationChangeOutcome.AlreadyDone, reference, to, escalation)),
            _ => (escalation, null),
        };
    }

    /// <summary>
    /// The answer <paramref name="reference"/> was escalated from, showing where it stands now: with
    /// what Customer Champions did for the requester, without it for anyone else. Null when there is
    /// no such escalation.
    /// </summary>
    public async Task<Reply?> AnswerAsync(string reference, Asker viewer, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(reference, cancellationToken).ConfigureAwait(false) is not { } escalation)
        {
            return null;
        }

        var requester = escalation.Asker;
        var isRequester = requester.Platform == viewer.Platform && requester.TenantId == viewer.TenantId && requester.UserId == viewer.UserId;
        return await answers.ForEscalationAsync(escalation, isRequester, cancellationToken).ConfigureAwait(false);
    }

    private static EscalationChangeResult Result(EscalationChangeOutcome outcome, string reference, EscalationState to, EscalationRecord? escalation) =>
        new(outcome, escalation, EscalationWording.ForActor(outcome, reference, to, escalation));

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation {Reference} moved to {State} from {Platform}")]
    private partial void LogChanged(string reference, EscalationState state, string platform);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a change of escalation {Reference} from {Platform} tenant {TenantId} conversation {ConversationId}: not the Customer Champions conversation")]
    private partial void LogRefused(string reference, string platform, string tenantId, string conversationId);
}

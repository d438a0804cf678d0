using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Core.Messaging;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly EscalationOrigin Origin = new(
        new ConversationAddress(new ConversationKey("teams", "tenant-1", "19:general"), """{"conversation":{"id":"19:general"}}"""), "1700000000000");

    private static readonly EscalationActor Bea = new("slack", "U0BEA", "Bea");

    private static EscalationStateChange Change(EscalationState state, EscalationActor? by = null, int minutes = 10, string? note = null) =>
        new(state, by ?? Bea, T0.AddMinutes(minutes), note);

    private static async Task<string> ReferenceWithOriginAsync(IEscalationStore store)
    {
        var admission = await store.AdmitAsync(User("u1"), Problem(), null, Destinations, 5, new DateTimeOffset(T0.UtcDateTime.Date, TimeSpan.Zero), T0, Origin, Ct);
        return admission.Escalation!.Reference;
    }

    [Fact]
    public async Task A_new_escalation_is_open_and_keeps_where_the_requester_escalated_from()
    {
        var store = await NewStoreAsync();

        var reference = await ReferenceWithOriginAsync(store.Escalations);

        var escalation = (await store.Escalations.GetAsync(reference, Ct))!;
        Assert.Equal(EscalationState.Open, escalation.State);
        Assert.Equal(Origin, escalation.Origin);
        Assert.Null(escalation.TicketId);
    }

    [Fact]
    public async Task The_customer_profile_it_was_made_with_stays_beside_its_origin_and_state_changes()
    {
        var store = await NewStoreAsync();
        var customer = new CustomerProfile("acme-01", "backup-admins@acme.example");
        var admission = await store.Escalations.AdmitAsync(User("u1"), Problem(), customer, Destinations, 5, new DateTimeOffset(T0.UtcDateTime.Date, TimeSpan.Zero), T0, Origin, Ct);
        var reference = admission.Escalation!.Reference;

        await store.Escalations.ChangeStateAsync(reference, Change(EscalationState.Acknowledged), ["teams"], Ct);
        await store.Escalations.ChangeStateAsync(reference, Change(EscalationState.Resolved, minutes: 20, note: "Fixed"), ["teams"], Ct);

        var escalation = (await store.Escalations.GetAsync(reference, Ct))!;
        Assert.Equal((customer, Origin, EscalationState.Resolved), (escalation.Customer, escalation.Origin, escalation.State));
        Assert.Equal(customer, Assert.Single((await store.Escalations.ListAsync(null, EscalationState.Resolved, 0, 10, Ct)).Items).Customer);
    }

    [Fact]
    public async Task A_change_is_kept_with_who_when_and_the_note_and_queues_an_update_for_each_one_told()
    {
        var store = await NewStoreAsync();
        var reference = await ReferenceWithOriginAsync(store.Escalations);
        var acknowledged = Change(EscalationState.Acknowledged, note: "Looking at the graphs now");

        var change = await store.Escalations.ChangeStateAsync(reference, acknowledged, ["teams", "webhook", EscalationUpdate.Requester], Ct);

        Assert.Equal(EscalationChangeOutcome.Changed, change.Outcome);
        Assert.Equal(acknowledged, change.Escalation!.Acknowledged);
        Assert.Equal(EscalationState.Acknowledged, (await store.Escalations.GetAsync(reference, Ct))!.State);
        // Only the requester is due: the posts it updates are still on their way.
        Assert.Equal(
            [new EscalationUpdate(reference, EscalationEvent.Acknowledged, EscalationUpdate.Requester, 0, null)],
            await store.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(10), Lease, 10, Ct));
        Assert.Empty(await store.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(9), Lease, 10, Ct));
    }

    [Fact]
    public async Task A_claimed_update_is_hidden_from_other_claims_until_its_lease_ends()
    {
        var (first, second) = await TwoProcessesAsync();
        var reference = await ReferenceWithOriginAsync(first.Escalations);
        await first.Escalations.ChangeStateAsync(reference, Change(EscalationState.Acknowledged), [EscalationUpdate.Requester], Ct);

        var claims = await Task.WhenAll(
            first.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(10), Lease, 10, Ct),
            second.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(10), Lease, 10, Ct));

        Assert.Equal(1, claims.Sum(c => c.Count));
        Assert.Empty(await second.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(10) + Lease - TimeSpan.FromSeconds(1), Lease, 10, Ct));
        Assert.Single(await second.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(10) + Lease, Lease, 10, Ct));
    }

    [Fact]
    public async Task An_update_waits_for_its_destinations_post_and_then_carries_the_posts_id()
    {
        var store = await NewStoreAsync();
        var reference = await ReferenceWithOriginAsync(store.Escalations);
        await store.Escalations.ChangeStateAsync(reference, Change(EscalationState.Acknowledged), ["teams", "webhook"], Ct);

        await store.Escalations.RecordAttemptAsync(reference, "teams", T0, true, null, null, "msg-7", Ct);
        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0, false, "503", T0.AddHours(1), null, Ct);

        Assert.Equal(
            [new EscalationUpdate(reference, EscalationEvent.Acknowledged, "teams", 0, "msg-7")],
            await store.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(30), Lease, 10, Ct));
        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0.AddHours(1), false, "gone", null, null, Ct);
        Assert.Contains(
            new EscalationUpdate(reference, EscalationEvent.Acknowledged, "webhook", 0, null),
            await store.Escalations.ClaimDueUpdatesAsync(T0.AddHours(1), Lease, 10, Ct));
    }

    [Fact]
    public async Task Update_attempts_end_retry_or_give_up_and_the_admin_sees_each_rows_state()
    {
        var store = await NewStoreAsync();
        var reference = await ReferenceWithOriginAsync(store.Escalations);
        await store.Escalations.RecordAttemptAsync(reference, "teams", T0, true, null, null, null, Ct);
        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0, true, null, null, null, Ct);
        await store.Escalations.ChangeStateAsync(reference, Change(EscalationState.Resolved), ["teams", "webhook", EscalationUpdate.Requester], Ct);
        var due = await store.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(10), Lease, 10, Ct);
        var teams = due.Single(u => u.Destination == "teams");

        await store.Escalations.RecordUpdateAttemptAsync(teams, T0.AddMinutes(10), EscalationUpdateState.Sent, null, null, "msg-9", Ct);
        await store.Escalations.RecordUpdateAttemptAsync(due.Single(u => u.Destination == "webhook"), T0.AddMinutes(10), EscalationUpdateState.Pending, "503", T0.AddMinutes(11), null, Ct);
        await store.Escalations.RecordUpdateAttemptAsync(due.Single(u => u.Destination == EscalationUpdate.Requester), T0.AddMinutes(10), EscalationUpdateState.Skipped, "nobody to tell", null, null, Ct);

        Assert.Equal(
            [new EscalationUpdate(reference, EscalationEvent.Resolved, "webhook", 1, null)],
            await store.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(11), Lease, 10, Ct));
        Assert.Equal(
            [
                new EscalationUpdateStatus(EscalationEvent.Resolved, EscalationUpdate.Requester, EscalationUpdateState.Skipped, 0, "nobody to tell"),
                new EscalationUpdateStatus(EscalationEvent.Resolved, "teams", EscalationUpdateState.Sent, 1, null),
                new EscalationUpdateStatus(EscalationEvent.Resolved, "webhook", EscalationUpdateState.Pending, 1, "503"),
            ],
            await store.Escalations.ListUpdatesAsync(reference, Ct));

        // The post made anew (there was none) is what a later update replaces.
        await store.Escalations.RecordTicketAsync(reference, "4711", ["teams"], T0.AddMinutes(20), Ct);
        Assert.Contains(
            new EscalationUpdate(reference, EscalationEvent.TicketOpened, "teams", 0, "msg-9"),
            await store.Escalations.ClaimDueUpdatesAsync(T0.AddMinutes(20), Lease, 10, Ct));
    }

    [Fact]
    public async Task Twenty_concurrent_resolves_from_two_processes_make_one_change_and_all_see_it()
    {
        var (first, second) = await TwoProcessesAsync();
        var reference = await ReferenceWithOriginAsync(first.Escalations);

        var changes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).Escalations.ChangeStateAsync(
                reference, Change(EscalationState.Resolved, new EscalationActor("slack", $"U{i}", $"Champion {i}"), note: $"note {i}"), ["teams", EscalationUpdate.Requester], Ct),
            Ct)));

        var winner = Assert.Single(changes, c => c.Outcome == EscalationChangeOutcome.Changed);
        Assert.Equal(19, changes.Count(c => c.Outcome == EscalationChangeOutcome.AlreadyDone));
        Assert.All(changes, c => Assert.Equal(winner.Escalation!.Resolved, c.Escalation!.Resolved));
        Assert.Single(await first.Escalations.ClaimDueUpdatesAsync(T0.AddDays(1), Lease, 50, Ct));
    }

    [Fact]
    public async Task A_state_only_moves_forward_and_a_resolve_after_an_acknowledge_keeps_both()
    {
        var store = await NewStoreAsync();
        var reference = await ReferenceWithOriginAsync(store.Escalations);
        var acknowledged = Change(EscalationState.Acknowledged, minutes: 5);
        var resolved = Change(EscalationState.Resolved, new EscalationActor("teams", "aad-2", "Cy"), minutes: 9, note: "Fixed on our side");

        await store.Escalations.ChangeStateAsync(reference, acknowledged, [], Ct);
        var again = await store.Escalations.ChangeStateAsync(reference, Change(EscalationState.Acknowledged, minutes: 6), [], Ct);
        await store.Escalations.ChangeStateAsync(reference, resolved, [], Ct);
        var late = await store.Escalations.ChangeStateAsync(reference, Change(EscalationState.Acknowledged, minutes: 12), [], Ct);

        Assert.Equal(EscalationChangeOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(EscalationChangeOutcome.AlreadyDone, late.Outcome);
        var escalation = (await store.Escalations.GetAsync(reference, Ct))!;
        Assert.Equal((EscalationState.Resolved, acknowledged, resolved), (escalation.State, escalation.Acknowledged, escalation.Resolved));
        Assert.Equal(EscalationChangeOutcome.NotFound, (await store.Escalations.ChangeStateAsync("UPG-20000101-0001", resolved, [], Ct)).Outcome);
    }

    [Fact]
    public async Task After_it_is_resolved_the_same_problem_opens_a_new_escalation()
    {
        var store = await NewStoreAsync();
        var first = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());
        await store.Escalations.ChangeStateAsync(first, Change(EscalationState.Acknowledged), [], Ct);
        Assert.Equal(EscalationOutcome.AlreadyOpen, (await AdmitAsync(store.Escalations, User("u1"), Problem(), T0.AddMinutes(20))).Outcome);

        await store.Escalations.ChangeStateAsync(first, Change(EscalationState.Resolved, minutes: 30), [], Ct);
        var second = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(), T0.AddMinutes(40));

        Assert.NotEqual(first, second);
        var again = await AdmitAsync(store.Escalations, User("u1"), Problem(), T0.AddMinutes(50));
        Assert.Equal((EscalationOutcome.AlreadyOpen, second), (again.Outcome, again.Escalation!.Reference));
    }

    [Fact]
    public async Task A_ticket_is_kept_and_told_once_however_often_it_is_recorded()
    {
        var store = await NewStoreAsync();
        var reference = await ReferenceWithOriginAsync(store.Escalations);

        await store.Escalations.RecordTicketAsync(reference, "4711", ["teams", EscalationUpdate.Requester], T0, Ct);
        await store.Escalations.RecordTicketAsync(reference, "4711", ["teams", EscalationUpdate.Requester], T0.AddMinutes(1), Ct);

        Assert.Equal("4711", (await store.Escalations.GetAsync(reference, Ct))!.TicketId);
        Assert.Equal(
            [new EscalationUpdateStatus(EscalationEvent.TicketOpened, EscalationUpdate.Requester, EscalationUpdateState.Pending, 0, null), new EscalationUpdateStatus(EscalationEvent.TicketOpened, "teams", EscalationUpdateState.Pending, 0, null)],
            await store.Escalations.ListUpdatesAsync(reference, Ct));
    }

    [Fact]
    public async Task Listing_filters_by_state_and_delivery_status_together()
    {
        var store = await NewStoreAsync();
        var open = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());
        var acknowledged = await CreatedReferenceAsync(store.Escalations, User("u2"), Problem());
        var resolved = await CreatedReferenceAsync(store.Escalations, User("u3"), Problem());
        await store.Escalations.ChangeStateAsync(acknowledged, Change(EscalationState.Acknowledged), [], Ct);
        await store.Escalations.ChangeStateAsync(resolved, Change(EscalationState.Resolved), [], Ct);

        Assert.Equal([open], (await store.Escalations.ListAsync(null, EscalationState.Open, 0, 10, Ct)).Items.Select(e => e.Reference));
        Assert.Equal([acknowledged], (await store.Escalations.ListAsync(null, EscalationState.Acknowledged, 0, 10, Ct)).Items.Select(e => e.Reference));
        Assert.Equal(1, (await store.Escalations.ListAsync(DeliveryStatus.Pending, EscalationState.Resolved, 0, 10, Ct)).Total);
        Assert.Equal(0, (await store.Escalations.ListAsync(DeliveryStatus.Delivered, EscalationState.Resolved, 0, 10, Ct)).Total);
    }
}

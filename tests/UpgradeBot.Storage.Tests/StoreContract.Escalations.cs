using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Escalation;

namespace UpgradeBot.Storage.Tests;

public abstract partial class StoreContract
{
    private static readonly string[] Destinations = ["webhook", "teams"];

    private static Asker User(string userId) => new("teams", "tenant-1", userId, $"User {userId}", "19:general");

    private static EscalationContext Problem(string topic = "usage-destination-graphs", string? upgradeId = "2025-03") =>
        new(topic, "persisting-escalate", upgradeId, "The usage graph is still empty", T0.AddMinutes(-1));

    private static Task<EscalationAdmission> AdmitAsync(
        IEscalationStore store, Asker asker, EscalationContext context, DateTimeOffset? now = null, int maxPerUserPerDay = 5, CustomerProfile? customer = null)
    {
        var at = now ?? T0;
        var dayStart = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return store.AdmitAsync(asker, context, customer, Destinations, maxPerUserPerDay, dayStart, at, null, Ct);
    }

    private static async Task<string> CreatedReferenceAsync(IEscalationStore store, Asker asker, EscalationContext context, DateTimeOffset? now = null)
    {
        var admission = await AdmitAsync(store, asker, context, now);
        Assert.Equal(EscalationOutcome.Created, admission.Outcome);
        return admission.Escalation!.Reference;
    }

    [Fact]
    public async Task A_new_escalation_is_pending_with_the_first_reference_of_the_day()
    {
        var store = await NewStoreAsync();

        var admission = await AdmitAsync(store.Escalations, User("u1"), Problem());

        Assert.Equal(EscalationOutcome.Created, admission.Outcome);
        Assert.Equal(new EscalationRecord("UPG-20250304-0001", User("u1"), Problem(), DeliveryStatus.Pending, T0), admission.Escalation);
        Assert.Equal(admission.Escalation, await store.Escalations.GetAsync("UPG-20250304-0001", Ct));
    }

    [Theory]
    [InlineData("acme-01", "backup-admins@acme.example")]
    [InlineData(null, "backup-admins@acme.example")]
    [InlineData("acme-01", null)]
    public async Task An_escalation_keeps_the_customer_account_and_support_contact_it_was_made_with(string? account, string? contact)
    {
        var store = await NewStoreAsync();
        var customer = new CustomerProfile(account, contact);

        var admission = await AdmitAsync(store.Escalations, User("u1"), Problem(), customer: customer);
        var again = await AdmitAsync(store.Escalations, User("u1"), Problem(), T0.AddMinutes(5), customer: new CustomerProfile("changed", null));

        Assert.Equal(customer, admission.Escalation!.Customer);
        Assert.Equal(customer, (await store.Escalations.GetAsync(admission.Escalation.Reference, Ct))!.Customer);
        Assert.Equal(customer, again.Escalation!.Customer);
        Assert.Equal(customer, Assert.Single((await store.Escalations.ListAsync(null, null, 0, 10, Ct)).Items).Customer);
    }

    [Fact]
    public async Task Second_admit_for_same_problem_returns_same_reference()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());

        var second = await AdmitAsync(store.Escalations, User("u1"), Problem(), T0.AddMinutes(5));

        Assert.Equal(EscalationOutcome.AlreadyOpen, second.Outcome);
        Assert.Equal(reference, second.Escalation!.Reference);
        Assert.Equal(1, (await store.Escalations.ListAsync(null, null, 0, 10, Ct)).Total);
    }

    [Fact]
    public async Task Twenty_concurrent_admits_from_two_processes_create_exactly_one_escalation()
    {
        var (first, second) = await TwoProcessesAsync();

        var admissions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => AdmitAsync((i % 2 == 0 ? first : second).Escalations, User("u1"), Problem()), Ct)));

        Assert.Single(admissions, a => a.Outcome == EscalationOutcome.Created);
        Assert.Equal(19, admissions.Count(a => a.Outcome == EscalationOutcome.AlreadyOpen));
        Assert.Single(admissions.Select(a => a.Escalation!.Reference).Distinct());
        Assert.Equal(2, (await first.Escalations.ClaimDueDeliveriesAsync(T0, Lease, 10, Ct)).Count);
    }

    [Fact]
    public async Task Concurrent_admits_of_twenty_users_from_two_processes_number_the_day_without_gaps_or_repeats()
    {
        var (first, second) = await TwoProcessesAsync();

        var admissions = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => AdmitAsync((i % 2 == 0 ? first : second).Escalations, User($"u{i}"), Problem()), Ct)));

        Assert.Equal(
            Enumerable.Range(1, 20).Select(n => $"UPG-20250304-{n:D4}"),
            admissions.Select(a => a.Escalation!.Reference).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Destinations_reporting_at_once_from_two_processes_leave_every_escalation_delivered()
    {
        var (first, second) = await TwoProcessesAsync();
        var references = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            references.Add(await CreatedReferenceAsync(first.Escalations, User($"u{i}"), Problem()));
        }

        // Each escalation's two destinations report success at the same moment, one per process.
        await Task.WhenAll(references.SelectMany(reference => new[]
        {
            Task.Run(() => first.Escalations.RecordAttemptAsync(reference, "webhook", T0, true, null, null, null, Ct), Ct),
            Task.Run(() => second.Escalations.RecordAttemptAsync(reference, "teams", T0, true, null, null, null, Ct), Ct),
        }));

        Assert.Equal(10, (await first.Escalations.ListAsync(DeliveryStatus.Delivered, null, 0, 20, Ct)).Total);
    }

    [Fact]
    public async Task Different_users_and_different_problems_get_different_references()
    {
        var store = await NewStoreAsync();

        string[] references =
        [
            await CreatedReferenceAsync(store.Escalations, User("u1"), Problem()),
            await CreatedReferenceAsync(store.Escalations, User("u2"), Problem()),
            await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(topic: "org-user-statistics")),
            await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(upgradeId: "2025-04")),
            await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(upgradeId: null)),
            await CreatedReferenceAsync(store.Escalations, User("u1") with { TenantId = "tenant-2" }, Problem()),
        ];

        Assert.Equal(references.Length, references.Distinct().Count());
    }

    [Fact]
    public async Task Reaching_the_daily_limit_creates_nothing()
    {
        var store = await NewStoreAsync();
        await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(topic: "usage-destination-graphs"));
        await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(topic: "org-user-statistics"));

        var refused = await AdmitAsync(store.Escalations, User("u1"), Problem(topic: "escalate"), maxPerUserPerDay: 2);

        Assert.Equal(new EscalationAdmission(EscalationOutcome.LimitReached, null), refused);
        Assert.Equal(2, (await store.Escalations.ListAsync(null, null, 0, 10, Ct)).Total);
        Assert.Equal(4, (await store.Escalations.ClaimDueDeliveriesAsync(T0, Lease, 10, Ct)).Count);
    }

    [Fact]
    public async Task The_daily_limit_counts_only_this_users_escalations_since_the_day_start()
    {
        var store = await NewStoreAsync();
        await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(topic: "usage-destination-graphs"), T0.AddDays(-1));
        await CreatedReferenceAsync(store.Escalations, User("u2"), Problem(topic: "usage-destination-graphs"));

        var admission = await AdmitAsync(store.Escalations, User("u1"), Problem(topic: "escalate"), maxPerUserPerDay: 1);

        Assert.Equal(EscalationOutcome.Created, admission.Outcome);
    }

    [Fact]
    public async Task An_open_escalation_is_returned_even_when_the_limit_is_reached()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());

        var again = await AdmitAsync(store.Escalations, User("u1"), Problem(), maxPerUserPerDay: 1);

        Assert.Equal(EscalationOutcome.AlreadyOpen, again.Outcome);
        Assert.Equal(reference, again.Escalation!.Reference);
    }

    [Fact]
    public async Task References_are_sequential_per_utc_day()
    {
        var store = await NewStoreAsync();

        Assert.Equal("UPG-20250304-0001", await CreatedReferenceAsync(store.Escalations, User("u1"), Problem()));
        Assert.Equal("UPG-20250304-0002", await CreatedReferenceAsync(store.Escalations, User("u2"), Problem()));
        Assert.Equal("UPG-20250305-0001", await CreatedReferenceAsync(store.Escalations, User("u3"), Problem(), T0.AddDays(1)));
        Assert.Equal("UPG-20250304-0003", await CreatedReferenceAsync(
            store.Escalations, User("u4"), Problem(), new DateTimeOffset(2025, 3, 5, 1, 0, 0, TimeSpan.FromHours(2))));
    }

    [Fact]
    public async Task References_stay_unique_across_two_processes_admitting_at_once()
    {
        var (first, second) = await TwoProcessesAsync();

        var references = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Task.Run(() => CreatedReferenceAsync((i % 2 == 0 ? first : second).Escalations, User($"u{i}"), Problem()), Ct)));

        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"UPG-20250304-{n:D4}"), references.Order());
    }

    [Fact]
    public async Task A_new_escalation_is_due_for_every_destination_from_its_creation()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());

        Assert.Empty(await store.Escalations.ClaimDueDeliveriesAsync(T0.AddMilliseconds(-1), Lease, 10, Ct));
        Assert.Equal(
            [new EscalationDelivery(reference, "teams", 0), new EscalationDelivery(reference, "webhook", 0)],
            (await store.Escalations.ClaimDueDeliveriesAsync(T0, Lease, 10, Ct)).OrderBy(d => d.Destination));
    }

    [Fact]
    public async Task A_failed_attempt_with_a_retry_time_stays_pending_and_comes_due_again_then()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());

        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0, false, "503", T0.AddMinutes(1), null, Ct);

        Assert.Equal("teams", Assert.Single(await store.Escalations.ClaimDueDeliveriesAsync(T0.AddSeconds(59), Lease, 10, Ct)).Destination);
        Assert.Contains(new EscalationDelivery(reference, "webhook", 1), await store.Escalations.ClaimDueDeliveriesAsync(T0.AddMinutes(1), Lease, 10, Ct));
        Assert.Equal(DeliveryStatus.Pending, (await store.Escalations.GetAsync(reference, Ct))!.Status);
    }

    [Fact]
    public async Task Two_processes_claiming_at_once_never_take_the_same_delivery()
    {
        var (first, second) = await TwoProcessesAsync();
        for (var i = 0; i < 20; i++)
        {
            await CreatedReferenceAsync(first.Escalations, User($"u{i}"), Problem());
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(
            () => (i % 2 == 0 ? first : second).Escalations.ClaimDueDeliveriesAsync(T0, Lease, 10, Ct), Ct)));

        var claimed = claims.SelectMany(c => c).ToList();
        Assert.Equal(40, claimed.Count);
        Assert.Equal(40, claimed.Select(d => (d.Reference, d.Destination)).Distinct().Count());
    }

    [Fact]
    public async Task A_claimed_delivery_whose_sender_died_is_due_again_when_the_lease_ends()
    {
        var (first, second) = await TwoProcessesAsync();
        var reference = await CreatedReferenceAsync(first.Escalations, User("u1"), Problem());
        Assert.Equal(2, (await first.Escalations.ClaimDueDeliveriesAsync(T0, Lease, 10, Ct)).Count);

        Assert.Empty(await second.Escalations.ClaimDueDeliveriesAsync(T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, 10, Ct));
        Assert.Equal(
            [new EscalationDelivery(reference, "teams", 0), new EscalationDelivery(reference, "webhook", 0)],
            await second.Escalations.ClaimDueDeliveriesAsync(T0 + Lease, Lease, 10, Ct));
    }

    [Fact]
    public async Task Postponing_or_recording_an_attempt_ends_the_claims_lease()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());
        Assert.Equal(2, (await store.Escalations.ClaimDueDeliveriesAsync(T0, Lease, 10, Ct)).Count);

        await store.Escalations.PostponeDeliveryAsync(reference, "teams", T0.AddSeconds(1), Ct);
        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0, false, "503", T0.AddSeconds(5), null, Ct);

        Assert.Equal([new EscalationDelivery(reference, "teams", 0)], await store.Escalations.ClaimDueDeliveriesAsync(T0.AddSeconds(1), Lease, 10, Ct));
        Assert.Equal([new EscalationDelivery(reference, "webhook", 1)], await store.Escalations.ClaimDueDeliveriesAsync(T0.AddSeconds(5), Lease, 10, Ct));
    }

    [Fact]
    public async Task An_escalation_is_delivered_once_every_destination_succeeded()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());

        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0, false, "timeout", T0.AddMinutes(1), null, Ct);
        await store.Escalations.RecordAttemptAsync(reference, "teams", T0, true, null, null, null, Ct);
        Assert.Equal(DeliveryStatus.Pending, (await store.Escalations.GetAsync(reference, Ct))!.Status);
        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0.AddMinutes(1), true, null, null, null, Ct);

        Assert.Equal(DeliveryStatus.Delivered, (await store.Escalations.GetAsync(reference, Ct))!.Status);
        Assert.Empty(await store.Escalations.ClaimDueDeliveriesAsync(T0.AddDays(1), Lease, 10, Ct));
        Assert.Equal(
            [
                new DeliveryAttempt("teams", 1, T0, true, null),
                new DeliveryAttempt("webhook", 1, T0, false, "timeout"),
                new DeliveryAttempt("webhook", 2, T0.AddMinutes(1), true, null),
            ],
            await store.Escalations.ListAttemptsAsync(reference, Ct));
    }

    [Fact]
    public async Task An_escalation_fails_when_one_destination_gives_up()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());

        await store.Escalations.RecordAttemptAsync(reference, "teams", T0, true, null, null, null, Ct);
        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0, false, "401 Unauthorized", null, null, Ct);

        Assert.Equal(DeliveryStatus.Failed, (await store.Escalations.GetAsync(reference, Ct))!.Status);
        Assert.Empty(await store.Escalations.ClaimDueDeliveriesAsync(T0.AddDays(1), Lease, 10, Ct));
    }

    [Fact]
    public async Task A_late_failure_report_does_not_undo_a_delivery()
    {
        var store = await NewStoreAsync();
        var reference = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());
        await store.Escalations.RecordAttemptAsync(reference, "teams", T0, true, null, null, null, Ct);
        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0, true, null, null, null, Ct);

        await store.Escalations.RecordAttemptAsync(reference, "webhook", T0.AddSeconds(1), false, "duplicate worker", null, null, Ct);

        Assert.Equal(DeliveryStatus.Delivered, (await store.Escalations.GetAsync(reference, Ct))!.Status);
    }

    [Fact]
    public async Task A_failed_escalation_no_longer_blocks_escalating_the_same_problem()
    {
        var store = await NewStoreAsync();
        var failed = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem());
        await store.Escalations.RecordAttemptAsync(failed, "webhook", T0, false, "gone", null, null, Ct);

        var again = await CreatedReferenceAsync(store.Escalations, User("u1"), Problem(), T0.AddMinutes(1));

        Assert.NotEqual(failed, again);
    }

    [Fact]
    public async Task Recording_an_attempt_for_an_unknown_delivery_throws()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.Escalations.RecordAttemptAsync("UPG-20250304-0001", "webhook", T0, true, null, null, null, Ct));
    }

    [Fact]
    public async Task Listing_pages_newest_first_and_filters_by_status()
    {
        var store = await NewStoreAsync();
        var references = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            references.Add(await CreatedReferenceAsync(store.Escalations, User($"u{i}"), Problem(), T0.AddMinutes(i)));
        }

        foreach (var destination in Destinations)
        {
            await store.Escalations.RecordAttemptAsync(references[1], destination, T0.AddHours(1), true, null, null, null, Ct);
        }

        var firstPage = await store.Escalations.ListAsync(null, null, 0, 2, Ct);
        var lastPage = await store.Escalations.ListAsync(null, null, 4, 2, Ct);
        var delivered = await store.Escalations.ListAsync(DeliveryStatus.Delivered, null, 0, 10, Ct);
        var pending = await store.Escalations.ListAsync(DeliveryStatus.Pending, null, 1, 2, Ct);

        Assert.Equal(5, firstPage.Total);
        Assert.Equal([references[4], references[3]], firstPage.Items.Select(e => e.Reference));
        Assert.Equal([references[0]], lastPage.Items.Select(e => e.Reference));
        Assert.Equal(1, delivered.Total);
        Assert.Equal([references[1]], delivered.Items.Select(e => e.Reference));
        Assert.Equal(4, pending.Total);
        Assert.Equal([references[3], references[2]], pending.Items.Select(e => e.Reference));
    }

    [Fact]
    public async Task A_negative_page_size_is_refused_rather_than_read_as_everything()
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.Escalations.ListAsync(null, null, 0, -1, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.Escalations.ClaimDueDeliveriesAsync(T0, Lease, -1, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.InboundEvents.ClaimDueAsync("slack", T0, TimeSpan.FromMinutes(1), -1, Ct));
    }
}

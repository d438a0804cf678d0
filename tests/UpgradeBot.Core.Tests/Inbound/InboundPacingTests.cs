using Microsoft.Extensions.Time.Testing;
using UpgradeBot.Core.Inbound;

namespace UpgradeBot.Core.Tests.Inbound;

public sealed class InboundPacingTests
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(50);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_customer_never_held_back_gets_its_events_due_at_once()
    {
        var pacing = new InboundPacing(_time);

        Assert.Null(pacing.DueAt("T0ACME"));
        Assert.Null(pacing.NextCheck(_time.GetUtcNow()));
    }

    [Fact]
    public void While_held_back_each_new_event_gets_a_slot_of_its_own_one_spacing_after_the_last()
    {
        var pacing = new InboundPacing(_time);
        var until = _time.GetUtcNow().AddSeconds(2);

        pacing.Held("T0ACME", until, Spacing);

        Assert.Equal(
            [until + Spacing, until + (2 * Spacing), until + (3 * Spacing)],
            new[] { pacing.DueAt("T0ACME"), pacing.DueAt("T0ACME"), pacing.DueAt("T0ACME") });
        Assert.Null(pacing.DueAt("T0BETA"));
    }

    [Fact]
    public void A_later_hold_moves_the_next_slot_behind_it_and_an_earlier_one_changes_nothing()
    {
        var pacing = new InboundPacing(_time);
        var now = _time.GetUtcNow();
        pacing.Held("T0ACME", now.AddSeconds(1), Spacing);
        var first = pacing.DueAt("T0ACME");

        pacing.Held("T0ACME", now.AddSeconds(5), Spacing);
        var behindTheLaterHold = pacing.DueAt("T0ACME");
        pacing.Held("T0ACME", now.AddSeconds(2), Spacing);

        Assert.Equal(now.AddSeconds(1) + Spacing, first);
        Assert.Equal(now.AddSeconds(5) + Spacing, behindTheLaterHold);
        Assert.Equal(now.AddSeconds(5) + (2 * Spacing), pacing.DueAt("T0ACME"));
    }

    [Fact]
    public void Once_the_hold_and_every_slot_handed_out_have_passed_events_are_due_at_once_again()
    {
        var pacing = new InboundPacing(_time);
        pacing.Held("T0ACME", _time.GetUtcNow().AddSeconds(1), Spacing);
        var last = pacing.DueAt("T0ACME")!.Value;

        _time.SetUtcNow(last - TimeSpan.FromMilliseconds(1));
        Assert.Equal(last + Spacing, pacing.DueAt("T0ACME"));

        _time.SetUtcNow(last + Spacing);
        Assert.Null(pacing.DueAt("T0ACME"));
        Assert.Null(pacing.NextCheck(_time.GetUtcNow()));
    }

    [Fact]
    public void The_worker_looks_again_one_spacing_later_while_slots_lie_ahead()
    {
        var pacing = new InboundPacing(_time);
        var now = _time.GetUtcNow();
        pacing.Held("T0ACME", now.AddSeconds(1), Spacing);
        pacing.Held("T0SLOW", now.AddSeconds(1), TimeSpan.FromSeconds(1));

        Assert.Equal(now + Spacing, pacing.NextCheck(now));
    }

    [Fact]
    public void A_hold_without_a_customer_or_a_spacing_is_ignored()
    {
        var pacing = new InboundPacing(_time);

        pacing.Held(string.Empty, _time.GetUtcNow().AddSeconds(1), Spacing);
        pacing.Held("T0ACME", _time.GetUtcNow().AddSeconds(1), TimeSpan.Zero);

        Assert.Null(pacing.DueAt(string.Empty));
        Assert.Null(pacing.DueAt("T0ACME"));
    }
}

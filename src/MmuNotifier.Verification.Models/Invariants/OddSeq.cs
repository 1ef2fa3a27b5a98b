// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Models.Drivers;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// odd-seq (design.md §5): an inserted interval subscription's invalidate_seq is odd, and the
/// mm's invalidate_seq is odd only while an invalidation is active. The per-subscription half is
/// judged after every step (whether a subscription counts as inserted changes in the user's
/// plain code, after any step); the mm's half only after steps that can change the idle
/// subscriptions (<see cref="IdleSubscriptionsView.Watches"/>). Both halves are one invariant,
/// checked in that order as before.
/// </summary>
public sealed class OddSeq : ModelInvariant, IModelObserver
{
    private readonly List<UserModel> _intervalUsers = [];

    public override string Name => InvariantNames.OddSeq;

    protected override void Attached()
    {
        World.Rt.AddMonitor(Name, CheckSubscriptions, reads: SubscriptionReads);
        World.Rt.AddMonitor(Name, CheckMm, watches: World.IdleSubscriptions.Watches, reads: MmReads);
    }

    public void UserAdded(UserModel user)
    {
        if (user.IntervalSubscription is not null) _intervalUsers.Add(user);
    }

    private string? CheckSubscriptions()
    {
        foreach (var user in _intervalUsers)
        {
            if (!user.IsIntervalLive) continue;
            var sub = user.IntervalSubscription!;
            var seq = sub.InvalidateSeq.Peek();
            if ((seq & 1) == 0) return $"{sub.Name}.invalidate_seq is {seq}, even, although it is inserted";
        }

        return null;
    }

    /// <summary>What <see cref="CheckSubscriptions"/> reads: which subscriptions count as inserted, and their sequences.</summary>
    private void SubscriptionReads(MonitorReads reads)
    {
        foreach (var user in _intervalUsers)
        {
            reads.Add(user.IsIntervalLive);
            if (user.IsIntervalLive) reads.Add(user.IntervalSubscription!.InvalidateSeq.Peek());
        }
    }

    private void MmReads(MonitorReads reads)
    {
        World.IdleSubscriptions.AddShown(reads);
        if (World.IdleSubscriptions.Current is not { } subscriptions) return;
        reads.Add(subscriptions.InvalidateSeq.Peek());
        reads.Add(subscriptions.ActiveInvalidateRanges.Peek());
    }

    private string? CheckMm()
    {
        if (World.IdleSubscriptions.Current is not { } subscriptions) return null;
        var global = subscriptions.InvalidateSeq.Peek();
        var active = subscriptions.ActiveInvalidateRanges.Peek();
        if ((global & 1) != 0 && active == 0)
            return $"subscriptions.invalidate_seq is {global}, odd, with no active invalidation";
        return null;
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.Drivers;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// odd-seq (design.md §5): an inserted interval subscription's invalidate_seq is odd, and the
/// mm's invalidate_seq is odd only while an invalidation is active. The per-subscription half is
/// judged always (its sequence is a cell of its own, written by the driver's mmu_interval_set_seq);
/// the mm's half only between critical sections of subscriptions->lock.
/// </summary>
public sealed class OddSeq : ModelInvariant, IModelObserver
{
    private readonly List<UserModel> _intervalUsers = [];

    public override string Name => InvariantNames.OddSeq;

    protected override void Attached() =>
        World.Rt.AddMonitor(Name, Check, watches: World.IdleSubscriptions.Watches);

    public void UserAdded(UserModel user)
    {
        if (user.IntervalSubscription is not { } sub) return;
        _intervalUsers.Add(user);
        World.IdleSubscriptions.Watch(sub.InvalidateSeq);
    }

    private string? Check()
    {
        foreach (var user in _intervalUsers)
        {
            if (!user.IsIntervalLive) continue;
            var sub = user.IntervalSubscription!;
            var seq = sub.InvalidateSeq.Peek();
            if ((seq & 1) == 0) return $"{sub.Name}.invalidate_seq is {seq}, even, although it is inserted";
        }

        if (World.IdleSubscriptions.Current is not { } subscriptions) return null;
        var global = subscriptions.InvalidateSeq.Peek();
        var active = subscriptions.ActiveInvalidateRanges.Peek();
        if ((global & 1) != 0 && active == 0)
            return $"subscriptions.invalidate_seq is {global}, odd, with no active invalidation";
        return null;
    }
}

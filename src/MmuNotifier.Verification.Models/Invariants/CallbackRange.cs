// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// callback-range: the port calls an interval subscription's invalidate only for a range that
/// shares at least one byte with the range the driver passed to mmu_interval_notifier_insert
/// (taken from the driver's own request, not from the port's interval-tree node, so that an
/// insert that stores the wrong bounds is judged too). Exit's MMU_NOTIFY_RELEASE covers the
/// whole address space and always passes. A callback outside the subscription is not unsafe by
/// itself, but it means the tree or the bounds it stores are off by some amount; the missing
/// callback on the other side of such an error is no-missed-invalidation's to report.
/// </summary>
public sealed class CallbackRange : ModelInvariant, IModelObserver
{
    public override string Name => InvariantNames.CallbackRange;

    public void IntervalInvalidateEntered(MmuIntervalNotifier sub, MmuNotifierRange range, SubscriptionAudit audit)
    {
        if (audit.Requested is not { } requested || requested.Length == 0) return;
        // Inclusive last byte; a request that wraps was refused by the insert and has no callbacks.
        if (requested.Start > ulong.MaxValue - (requested.Length - 1)) return;
        var last = requested.Start + (requested.Length - 1);
        // range.End is exclusive: the ranges intersect unless one ends before the other starts.
        if (range.End > range.Start && range.End - 1 >= requested.Start && range.Start <= last) return;
        Report($"{sub.Name}'s invalidate called for {range}, which does not intersect the range it subscribed, " +
               $"[{requested.Start:x}, {last:x}]");
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// remove-quiescence (design.md §5): once mmu_interval_notifier_remove returns, no invalidate
/// of that subscription runs or starts.
/// </summary>
public sealed class RemoveQuiescence : ModelInvariant, IModelObserver
{
    public override string Name => InvariantNames.RemoveQuiescence;

    public void IntervalInvalidateEntered(MmuIntervalNotifier sub, MmuNotifierRange range, SubscriptionAudit audit)
    {
        if (audit.Gone) Report($"{sub.Name}'s invalidate called for {range} after {audit.GoneBy} returned");
    }

    public void Unsubscribed(SubscriptionAudit audit, string by)
    {
        if (by == CallbackAudit.ByRemove && audit.Running > 0)
            Report($"mmu_interval_notifier_remove({audit.Name}) returned while its invalidate runs");
    }
}

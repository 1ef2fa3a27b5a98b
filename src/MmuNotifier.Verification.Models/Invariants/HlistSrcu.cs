// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// hlist-srcu (design.md §5): an hlist subscriber's ops never run after it was freed or after
/// mmu_notifier_unregister returned, ->release runs once (twice only for an unregister racing
/// exit_mmap), a subscriber has either arch_invalidate_secondary_tlbs or start/end, every end
/// follows a successful start, and every successful start of a registered subscriber gets its end.
/// </summary>
public sealed class HlistSrcu : ModelInvariant, IModelObserver
{
    public override string Name => InvariantNames.HlistSrcu;

    public void HlistOpEntered(MmuNotifierSubscription sub, string op, MmuNotifierRange? range, SubscriptionAudit audit)
    {
        if (sub.Lifetime is { IsFreed: true }) Report($"->{op} of {sub.Name} runs after free_notifier freed it");
        if (audit.Gone) Report($"->{op} of {sub.Name} runs after {audit.GoneBy} returned");
        if (sub.Ops is { ArchInvalidateSecondaryTlbs: not null } ops && (ops.InvalidateRangeStart is not null || ops.InvalidateRangeEnd is not null))
            Report($"->{op} of {sub.Name}, which has both arch_invalidate_secondary_tlbs and start/end");

        switch (op)
        {
            case "release":
                var allowed = audit.RacingUnregister ? 2 : 1;
                if (audit.Releases > allowed)
                    Report($"->release of {sub.Name} runs for the {audit.Releases}th time{(audit.ReleasedByExit ? " after exit_mmap already released it" : "")}");
                break;
            case "invalidate_range_end" when !audit.OpenStarts.Contains(range!):
                Report($"invalidate_range_end of {sub.Name} for {range} without a successful start");
                break;
        }
    }

    public void Unsubscribed(SubscriptionAudit audit, string by)
    {
        if (by != CallbackAudit.ByRemove && audit.Running > 0) Report($"{by}({audit.Name}) while {audit.Running} of its ops still run");
    }

    /// <summary>Start/end pairing for every subscription still registered.</summary>
    public void ThreadsFinished()
    {
        foreach (var user in World.Users.Values)
        {
            foreach (var audit in user.HlistAudits)
            {
                if (audit.Gone || audit.Releases > 0 || audit.OpenStarts.Count == 0) continue;
                Report($"{audit.Name}: invalidate_range_start of {audit.OpenStarts[0]} succeeded but its end never came");
            }
        }
    }
}

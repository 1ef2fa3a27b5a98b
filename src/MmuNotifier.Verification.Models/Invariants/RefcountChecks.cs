// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// The end-of-run checks: start/end pairing for every subscription still registered, the mm's
/// counts back to the process's own references, and nothing left allocated once it is gone.
/// (The subscriptions structure being freed only with an empty list is the port's own BUG_ON in
/// __mmu_notifier_subscriptions_destroy.)
/// </summary>
internal static class RefcountChecks
{
    public static void CheckPairing(ModelWorld world)
    {
        foreach (var audit in world.HlistAudits())
        {
            if (audit.Gone || audit.Releases > 0 || audit.OpenStarts.Count == 0) continue;
            world.Rt.ReportViolation(InvariantNames.HlistSrcu,
                $"{audit.Name}: invalidate_range_start of {audit.OpenStarts[0]} succeeded but its end never came");
        }
    }

    /// <summary>
    /// The process still runs: mm_users is its one reference, mm_count is its one plus a pin per
    /// live subscription, and nothing is allocated beyond the mm, its subscriptions structure and
    /// the live get/put notifiers.
    /// </summary>
    public static void CheckLive(ModelWorld world, IReadOnlyList<ILifetime> allocations)
    {
        var (pins, owned) = world.LiveSubscriptions();
        var users = world.Mm.MmUsers.Peek();
        var count = world.Mm.MmCount.Peek();
        if (users != 1 || count != 1 + pins)
        {
            world.Rt.ReportViolation(InvariantNames.Refcounts,
                $"at the end of the run mm_users is {users} and mm_count is {count}; expected 1 and {1 + pins} " +
                $"(the process plus {pins} live subscription(s))");
        }

        var subscriptions = world.Mm.NotifierSubscriptions.Peek();
        foreach (var allocation in allocations)
        {
            if (allocation.IsFreed || ReferenceEquals(allocation, world.Mm.Lifetime) ||
                ReferenceEquals(allocation, subscriptions?.Lifetime) || owned.Contains(allocation))
                continue;
            world.Rt.ReportViolation(InvariantNames.BadInput, $"{allocation.Name} is allocated but nothing refers to it: leaked");
        }
    }

    public static void CheckAllFreed(ModelWorld world, IReadOnlyList<ILifetime> allocations)
    {
        if (!world.Mm.Lifetime.IsFreed)
        {
            world.Rt.ReportViolation(InvariantNames.Refcounts,
                $"the process exited and every user unsubscribed, but mm_count is {world.Mm.MmCount.Peek()}: the mm is never freed");
        }

        foreach (var allocation in allocations)
        {
            if (allocation.IsFreed) continue;
            world.Rt.ReportViolation(InvariantNames.BadInput, $"{allocation.Name} is still allocated at the end of the run: leaked");
        }
    }
}

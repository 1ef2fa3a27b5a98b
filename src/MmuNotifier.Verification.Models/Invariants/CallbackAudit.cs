// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// Wraps a driver's ops so that every call the port makes reaches the invariants
/// (<see cref="IModelObserver.IntervalInvalidateEntered"/>, <see cref="IModelObserver.HlistOpEntered"/>),
/// keeps each subscription's <see cref="SubscriptionAudit"/> up to date, and opens the
/// no-missed-invalidation windows when a callback returns. The wrapped ops object is built once
/// per driver, so ops identity (which mmu_notifier_get compares) is kept.
/// </summary>
public sealed class CallbackAudit(int pages, IModelObserver events)
{
    public const string ByRemove = "mmu_interval_notifier_remove";
    public const string ByUnregister = "mmu_notifier_unregister";
    public const string ByFreeNotifier = "free_notifier";

    public MmuIntervalNotifierOps WrapInterval(MmuIntervalNotifierOps inner, SubscriptionAudit audit, SecondaryMmu mmu) => new()
    {
        Name = inner.Name,
        Invalidate = async (sub, range, curSeq) =>
        {
            if (range.Event == MmuNotifierEvent.MMU_NOTIFY_RELEASE) audit.Releases++;
            events.IntervalInvalidateEntered(sub, range, audit);
            audit.Running++;
            var ok = await inner.Invalidate(sub, range, curSeq);
            audit.Running--;
            if (ok)
            {
                var (first, last) = Pages.Span(Math.Max(range.Start, sub.IntervalTree.Start),
                    Math.Min(range.End, sub.IntervalTree.Last + 1), pages);
                mmu.OpenWindow(range, first, last, untilEndCallback: false);
            }

            return ok;
        },
    };

    /// <summary>Called when mmu_interval_notifier_remove returns.</summary>
    public void Removed(SubscriptionAudit audit) => Gone(audit, ByRemove);

    /// <summary>Called when mmu_notifier_unregister returns, or when free_notifier is called.</summary>
    public void Unregistered(SubscriptionAudit audit, string by) => Gone(audit, by);

    private void Gone(SubscriptionAudit audit, string by)
    {
        events.Unsubscribed(audit, by);
        audit.Gone = true;
        audit.GoneBy = by;
    }

    // The wrappers run on every callback the port makes: pooled builders, like the port's own async methods, so a
    // callback that suspends rents its state machine instead of allocating one.
    public MmuNotifierOps WrapHlist(MmuNotifierOps inner, Func<MmuNotifierSubscription, SubscriptionAudit> auditOf, SecondaryMmu? mmu) => new()
    {
        Name = inner.Name,
        Release = inner.Release is not { } release ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] async ValueTask (sub, mm) =>
        {
            var audit = Enter(sub, auditOf, "release");
            var call = audit.ReleaseEntered();
            await release(sub, mm);
            audit.ReleaseReturned(call);
            audit.Running--;
        },
        InvalidateRangeStart = inner.InvalidateRangeStart is not { } start ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] async ValueTask<int> (sub, range) =>
        {
            var audit = Enter(sub, auditOf, "invalidate_range_start", range);
            var ret = await start(sub, range);
            audit.Running--;
            if (ret == 0 && inner.InvalidateRangeEnd is not null)
            {
                audit.OpenStarts.Add(range);
                var (first, last) = Pages.Span(range.Start, range.End, pages);
                mmu?.OpenWindow(range, first, last, untilEndCallback: true);
            }

            return ret;
        },
        InvalidateRangeEnd = inner.InvalidateRangeEnd is not { } end ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] async ValueTask (sub, range) =>
        {
            var audit = Enter(sub, auditOf, "invalidate_range_end", range);
            mmu?.CloseWindow(range, untilEndCallback: true);
            await end(sub, range);
            audit.Running--;
        },
        ArchInvalidateSecondaryTlbs = inner.ArchInvalidateSecondaryTlbs is not { } tlb ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] async ValueTask (sub, mm, s, e) =>
        {
            var audit = Enter(sub, auditOf, "arch_invalidate_secondary_tlbs");
            await tlb(sub, mm, s, e);
            audit.Running--;
        },
        ClearFlushYoung = inner.ClearFlushYoung is not { } cfy ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] async ValueTask<int> (sub, mm, s, e) =>
        {
            var audit = Enter(sub, auditOf, "clear_flush_young");
            var young = await cfy(sub, mm, s, e);
            audit.Running--;
            return young;
        },
        ClearYoung = inner.ClearYoung is not { } cy ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] async ValueTask<int> (sub, mm, s, e) =>
        {
            var audit = Enter(sub, auditOf, "clear_young");
            var young = await cy(sub, mm, s, e);
            audit.Running--;
            return young;
        },
        TestYoung = inner.TestYoung is not { } ty ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] async ValueTask<int> (sub, mm, address) =>
        {
            var audit = Enter(sub, auditOf, "test_young");
            var young = await ty(sub, mm, address);
            audit.Running--;
            return young;
        },
        ChangePte = inner.ChangePte is not { } cp ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] async ValueTask (sub, mm, address, pte) =>
        {
            var audit = Enter(sub, auditOf, "change_pte");
            await cp(sub, mm, address, pte);
            audit.Running--;
        },
        AllocNotifier = inner.AllocNotifier,
        FreeNotifier = inner.FreeNotifier is not { } free ? null : [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] async ValueTask (sub) =>
        {
            Unregistered(auditOf(sub), ByFreeNotifier);
            await free(sub);
        },
    };

    private SubscriptionAudit Enter(MmuNotifierSubscription sub, Func<MmuNotifierSubscription, SubscriptionAudit> auditOf, string op,
        MmuNotifierRange? range = null)
    {
        var audit = auditOf(sub);
        if (op == "release") audit.Releases++;
        events.HlistOpEntered(sub, op, range, audit);
        if (op == "invalidate_range_end") audit.OpenStarts.Remove(range!);
        audit.Running++;
        return audit;
    }
}

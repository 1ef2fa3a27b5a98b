// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.IntervalTree;
using MmuNotifier.Verification.Kernel.Mm;
using static MmuNotifier.Verification.Kernel.Errno;
using static MmuNotifier.Verification.Kernel.Hlist.RculistOps;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// The port of mm/mmu_notifier.c: one method per kernel function, in the order of the C file,
/// each tagged with its C name. Every shared-memory access and lock operation is awaited, so the
/// explorer can switch threads exactly where another CPU could run in the kernel.
/// <para>
/// Interval subscriptions and the sequence protocol, in short: subscriptions->invalidate_seq is
/// even while no invalidation covers an interval subscription. An invalidation that finds one in
/// the tree makes it odd and hands that odd value to every callback, which stores it in the
/// subscription (mmu_interval_set_seq). The last invalidation to end makes the sequence even
/// again, applies the inserts and removes that were deferred meanwhile, and wakes readers. A
/// reader's snapshot from mmu_interval_read_begin therefore differs from the subscription's seq
/// as soon as any invalidation touched it, which mmu_interval_read_retry reports.
/// </para>
/// </summary>
public sealed partial class MmuNotifierC
{
    private const string File = "mm/mmu_notifier.c";

    private readonly KernelInstance _k;
    private readonly IRuntime _rt;
    private bool _registerBothOpsWarned;

    internal MmuNotifierC(KernelInstance kernel)
    {
        _k = kernel;
        _rt = kernel.Rt;
        Srcu = _rt.NewSrcu("srcu");
        InvalidateRangeStartMap = _rt.NewLockMap("mmu_notifier_invalidate_range_start");
    }

    /// <summary>The single SRCU domain shared by every mm (DEFINE_STATIC_SRCU(srcu)).</summary>
    public ISrcu Srcu { get; }

    /// <summary>__mmu_notifier_invalidate_range_start_map: lockdep's view of "inside an invalidation".</summary>
    public ILockMap InvalidateRangeStartMap { get; }

    private KernelConfig Config => _k.Config;

    [KernelFunction("mn_itree_is_invalidating", File = File)]
    internal async ValueTask<bool> MnItreeIsInvalidating(MmuNotifierSubscriptions subscriptions)
    {
        subscriptions.Lock.AssertHeld();
        return (await subscriptions.InvalidateSeq.Read() & 1) != 0;
    }

    /// <summary>Enters an invalidation; returns the first covered interval subscription and the seq to hand to callbacks.</summary>
    [KernelFunction("mn_itree_inv_start_range", File = File)]
    internal async ValueTask<(MmuIntervalNotifier? Sub, ulong Seq)> MnItreeInvStartRange(
        MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        MmuIntervalNotifier? res = null;

        await subscriptions.Lock.Lock();
        subscriptions.ActiveInvalidateRanges.Value++;
        var node = subscriptions.Itree.IterFirst(range.Start, range.End - 1);
        if (node is not null)
        {
            if (Config.Has(PortDefects.NoOddSeqOnStart))
            {
                // Defect no-odd-seq-on-start: the sequence stays even, nothing marks the tree frozen.
            }
            else
            {
                // Odd from here on: the tree is frozen and readers of covered ranges must wait.
                await subscriptions.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read() | 1);
            }

            res = node.Owner;
        }

        var seq = await subscriptions.InvalidateSeq.Read();
        var active = subscriptions.ActiveInvalidateRanges.Value;
        await subscriptions.Lock.Unlock();
        if (_rt.IsTracing)
        {
            _rt.Annotate($"mn_itree_inv_start_range {range}: invalidate_seq {seq}{((seq & 1) != 0 ? " (odd)" : "")}, " +
                         $"active {active}, first {res?.Name ?? "none"}");
        }
        return (res, seq);
    }

    /// <summary>Walks the frozen tree without the lock: the odd seq keeps every writer out.</summary>
    [KernelFunction("mn_itree_inv_next", File = File)]
    internal static MmuIntervalNotifier? MnItreeInvNext(MmuIntervalNotifier intervalSub, MmuNotifierRange range)
    {
        var node = IntervalTreeRoot<MmuIntervalNotifier>.IterNext(intervalSub.IntervalTree, range.Start, range.End - 1);
        return node?.Owner;
    }

    [KernelFunction("mn_itree_inv_end", File = File)]
    internal async ValueTask MnItreeInvEnd(MmuNotifierSubscriptions subscriptions)
    {
        await subscriptions.Lock.Lock();
        var remaining = --subscriptions.ActiveInvalidateRanges.Value;
        if (Config.Has(PortDefects.InvEndDeferredEarly) && await MnItreeIsInvalidating(subscriptions))
        {
            // Defect inv-end-deferred-early: every invalidation leaving a frozen tree applies the
            // deferred list, also while others still walk the tree.
            ApplyDeferredList(subscriptions);
        }

        // Only the last invalidation out, and only if one froze the tree, has work to do.
        if (remaining != 0 || !await MnItreeIsInvalidating(subscriptions))
        {
            await subscriptions.Lock.Unlock();
            return;
        }

        var oddSeq = await subscriptions.InvalidateSeq.Read();
        await subscriptions.InvalidateSeq.Write(oddSeq + 1);
        if (_rt.IsTracing) _rt.Annotate($"mn_itree_inv_end: invalidate_seq {oddSeq} -> {oddSeq + 1}, active 0");
        ApplyDeferredList(subscriptions);

        await subscriptions.Lock.Unlock();

        if (Config.Has(PortDefects.InvEndNoWakeup))
        {
            // Defect inv-end-no-wakeup: readers sleeping in read_begin are never told.
        }
        else
        {
            await subscriptions.Wq.WakeUpAll();
        }
    }

    /// <summary>
    /// The deferred-list loop of mn_itree_inv_end: apply the tree changes that arrived while it
    /// was frozen (a cleared node was waiting to be inserted, a linked one to be removed).
    /// </summary>
    private static void ApplyDeferredList(MmuNotifierSubscriptions subscriptions)
    {
        foreach (var item in subscriptions.DeferredList.ForEachSafe())
        {
            var intervalSub = item.Owner;
            if (intervalSub.IntervalTree.IsEmptyNode)
                subscriptions.Itree.Insert(intervalSub.IntervalTree);
            else
                subscriptions.Itree.Remove(intervalSub.IntervalTree);
            HlistHead<MmuIntervalNotifier>.Del(intervalSub.DeferredItem);
        }
    }

    /// <summary>
    /// Starts a read-side section over the subscription's range and returns the seq to pass to
    /// mmu_interval_read_retry. Sleeps while an invalidation that already reached this
    /// subscription is still running, so that the caller does not spin on a retry it cannot win.
    /// </summary>
    [KernelFunction("mmu_interval_read_begin", File = File)]
    public async ValueTask<ulong> MmuIntervalReadBegin(MmuIntervalNotifier intervalSub)
    {
        var subscriptions = (await intervalSub.Mm!.NotifierSubscriptions.Read())!;

        ulong seq;
        bool isInvalidating;
        if (Config.Has(PortDefects.ReadBeginUnlocked))
        {
            // Defect read-begin-unlocked: no lock, so nothing orders the two loads; the global
            // one may be satisfied first, which is the order modelled here.
            var global = await subscriptions.InvalidateSeq.ReadOnce();
            seq = await intervalSub.InvalidateSeq.ReadOnce();
            isInvalidating = seq == global;
        }
        else
        {
            await subscriptions.Lock.Lock();
            // The driver's copy equals the global one exactly when a running invalidation has
            // already called this subscription's callback.
            seq = await intervalSub.InvalidateSeq.ReadOnce();
            isInvalidating = seq == await subscriptions.InvalidateSeq.Read();
            await subscriptions.Lock.Unlock();
        }

        InvalidateRangeStartMap.Acquire();
        InvalidateRangeStartMap.Release();
        if (isInvalidating)
        {
            await subscriptions.Wq.WaitEvent(subscriptions.InvalidateSeq, current => current != seq);
        }

        // No loop: a retry may already be due, and the caller bounds its own retries.
        return seq;
    }

    [KernelFunction("mn_itree_release", File = File)]
    internal async ValueTask MnItreeRelease(MmuNotifierSubscriptions subscriptions, MmStruct mm)
    {
        var range = new MmuNotifierRange
        {
            Flags = MmuNotifierRange.MMU_NOTIFIER_RANGE_BLOCKABLE,
            Event = MmuNotifierEvent.MMU_NOTIFY_RELEASE,
            Mm = mm,
            Start = 0,
            End = ulong.MaxValue,
        };

        var (intervalSub, curSeq) = await MnItreeInvStartRange(subscriptions, range);
        for (; intervalSub is not null; intervalSub = MnItreeInvNext(intervalSub, range))
        {
            var ret = await CallInvalidate(intervalSub, range, curSeq);
            if (Config.Has(PortDefects.V1ReleaseWarnInverted))
                _rt.WarnOn(ret, $"mn_itree_release: {intervalSub.Name}'s invalidate succeeded (v1's inverted WARN_ON(ret))");
            else
                _rt.WarnOn(!ret, $"mn_itree_release: {intervalSub.Name}'s invalidate failed on a blockable release");
        }

        await MnItreeInvEnd(subscriptions);
    }

    /// <summary>
    /// exit_mmap's half of the hlist teardown: every subscriber gets ->release, then the list is
    /// emptied. Unregister may run concurrently; SRCU makes each side wait for the other's
    /// ->release before the pages go away.
    /// </summary>
    [KernelFunction("mn_hlist_release", File = File)]
    internal async ValueTask MnHlistRelease(MmuNotifierSubscriptions subscriptions, MmStruct mm)
    {
        if (Config.Has(PortDefects.V1DoubleItreeRelease) && await subscriptions.HasItree.Read())
        {
            // Defect v1-double-itree-release: v1 kept this call here as well as in
            // __mmu_notifier_release, so the interval tree is released a second time.
            await MnItreeRelease(subscriptions, mm);
        }

        var id = await Srcu.ReadLock();
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->release");
            if (ops.Release is not null)
                await ops.Release(subscription, mm);
        }

        await subscriptions.Lock.Lock();
        while (!await HlistEmpty(subscriptions.List))
        {
            var subscription = (await subscriptions.List.First.Read())!.Owner;
            // Unhashed, not just unlinked, so a racing unregister sees it gone and skips ->release.
            await HlistDelInitRcu(subscription.Hlist);
        }

        await subscriptions.Lock.Unlock();
        await Srcu.ReadUnlock(id);

        // Do not let exit_mmap free pages while an unregister-driven ->release still runs.
        await Srcu.Synchronize();
    }

    [KernelFunction("__mmu_notifier_release", File = File)]
    public async ValueTask __MmuNotifierRelease(MmStruct mm)
    {
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;

        if (await subscriptions.HasItree.Read())
            await MnItreeRelease(subscriptions, mm);

        if (!await HlistEmpty(subscriptions.List))
            await MnHlistRelease(subscriptions, mm);
    }

    [KernelFunction("__mmu_notifier_clear_flush_young", File = File)]
    public async ValueTask<int> __MmuNotifierClearFlushYoung(MmStruct mm, ulong start, ulong end)
    {
        var young = 0;

        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->clear_flush_young");
            if (ops.ClearFlushYoung is not null)
                young |= await ops.ClearFlushYoung(subscription, mm, start, end);
        }

        await Srcu.ReadUnlock(id);

        return young;
    }

    [KernelFunction("__mmu_notifier_clear_young", File = File)]
    public async ValueTask<int> __MmuNotifierClearYoung(MmStruct mm, ulong start, ulong end)
    {
        var young = 0;

        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->clear_young");
            if (ops.ClearYoung is not null)
                young |= await ops.ClearYoung(subscription, mm, start, end);
        }

        await Srcu.ReadUnlock(id);

        return young;
    }

    [KernelFunction("__mmu_notifier_test_young", File = File)]
    public async ValueTask<int> __MmuNotifierTestYoung(MmStruct mm, ulong address)
    {
        var young = 0;

        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->test_young");
            if (ops.TestYoung is not null)
            {
                young = await ops.TestYoung(subscription, mm, address);
                if (young != 0)
                    break;
            }
        }

        await Srcu.ReadUnlock(id);

        return young;
    }

    [KernelFunction("__mmu_notifier_change_pte", File = File)]
    public async ValueTask __MmuNotifierChangePte(MmStruct mm, ulong address, ulong pte)
    {
        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->change_pte");
            if (ops.ChangePte is not null)
                await ops.ChangePte(subscription, mm, address, pte);
        }

        await Srcu.ReadUnlock(id);
    }

    [KernelFunction("mn_itree_invalidate", File = File)]
    internal async ValueTask<int> MnItreeInvalidate(MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        var (intervalSub, curSeq) = await MnItreeInvStartRange(subscriptions, range);
        for (; intervalSub is not null; intervalSub = MnItreeInvNext(intervalSub, range))
        {
            if (Config.Has(PortDefects.V1SeqWriteOutsideUserLock))
            {
                // Defect v1-seq-write-outside-user-lock: v1's core stored the sequence itself,
                // before the callback and outside the driver's lock; its drivers did not.
                await intervalSub.InvalidateSeq.WriteOnce(curSeq);
            }

            var ret = await CallInvalidate(intervalSub, range, curSeq);
            if (!ret)
            {
                // Failing is only allowed to a callback that was told it must not sleep.
                var blockable = _rt.WarnOn(MmuNotifierH.MmuNotifierRangeBlockable(range),
                    $"mn_itree_invalidate: {intervalSub.Name}'s invalidate failed on a blockable range {range}");
                if (Config.Has(PortDefects.ReviewBlockableBackoff))
                {
                    // Defect review-blockable-backoff: back off even when blockable, although
                    // blockable callers ignore the error and will call invalidate_range_end.
                }
                else if (blockable)
                {
                    continue;
                }

                // The walk stops early here, so its iteration over the tree ends here too.
                subscriptions.Itree.EndIteration();
                goto out_would_block;
            }
        }

        return 0;

    out_would_block:
        if (Config.Has(PortDefects.NonblockFailNoInvEnd))
        {
            // Defect nonblock-fail-no-inv-end: nobody ends this invalidation now.
        }
        else
        {
            // The caller will not call invalidate_range_end after -EAGAIN, so end the itree side now.
            await MnItreeInvEnd(subscriptions);
        }

        return -EAGAIN;
    }

    [KernelFunction("mn_hlist_invalidate_range_start", File = File)]
    internal async ValueTask<int> MnHlistInvalidateRangeStart(MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        var ret = 0;

        var id = await Srcu.ReadLock();
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops");

            if (ops.InvalidateRangeStart is not null)
            {
                int ret2;
                using (NonBlockStart(range))
                    ret2 = await ops.InvalidateRangeStart(subscription, range);
                if (ret2 != 0)
                {
                    if (_rt.IsTracing)
                    {
                        _rt.Annotate($"{subscription.Name} invalidate_range_start failed with {Errno.Name(ret2)} in " +
                                     $"{(MmuNotifierH.MmuNotifierRangeBlockable(range) ? "" : "non-")}blockable context");
                    }

                    _rt.WarnOn(MmuNotifierH.MmuNotifierRangeBlockable(range) || ret2 != -EAGAIN,
                        $"{subscription.Name}: invalidate_range_start returned {Errno.Name(ret2)} on {range}");
                    // A start that can fail cannot have an end: nobody could tell it which starts failed.
                    _rt.WarnOn(ops.InvalidateRangeEnd is not null,
                        $"{subscription.Name}: invalidate_range_start failed but the subscriber also has invalidate_range_end");
                    ret = ret2;
                }
            }
        }

        if (ret != 0 && Config.Has(PortDefects.HlistStartFailNoEnd))
        {
            // Defect hlist-start-fail-no-end: the started subscribers are left without their end.
        }
        else if (ret != 0)
        {
            // Only non-blocking callers get here. Subscribers whose start succeeded expect their
            // end; the caller will not call end after an error, so pair them up now.
            for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
            {
                var subscription = node.Owner;
                var ops = OpsOf(subscription, "subscription->ops->invalidate_range_end");
                if (ops.InvalidateRangeEnd is null)
                    continue;

                // The kernel does not wrap these catch-up end calls in non_block_start(); the port
                // does, like the interval callbacks: the range is non-blockable all the same, and a
                // driver whose end sleeps here should be caught.
                using (NonBlockStart(range))
                    await ops.InvalidateRangeEnd(subscription, range);
            }
        }

        await Srcu.ReadUnlock(id);

        return ret;
    }

    [KernelFunction("__mmu_notifier_invalidate_range_start", File = File)]
    public async ValueTask<int> __MmuNotifierInvalidateRangeStart(MmuNotifierRange range)
    {
        var subscriptions = (await range.Mm.NotifierSubscriptions.Read())!;
        int ret;

        if (await subscriptions.HasItree.Read())
        {
            ret = await MnItreeInvalidate(subscriptions, range);
            if (ret != 0)
                return ret;
        }

        if (!await HlistEmpty(subscriptions.List))
            return await MnHlistInvalidateRangeStart(subscriptions, range);
        return 0;
    }

    [KernelFunction("mn_hlist_invalidate_end", File = File)]
    internal async ValueTask MnHlistInvalidateEnd(MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        var id = await Srcu.ReadLock();
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->invalidate_range_end");
            if (ops.InvalidateRangeEnd is not null)
            {
                // The kernel does not wrap these catch-up end calls in non_block_start(); the port
                // does, like the interval callbacks: the range is non-blockable all the same, and a
                // driver whose end sleeps here should be caught.
                using (NonBlockStart(range))
                    await ops.InvalidateRangeEnd(subscription, range);
            }
        }

        await Srcu.ReadUnlock(id);
    }

    [KernelFunction("__mmu_notifier_invalidate_range_end", File = File)]
    public async ValueTask __MmuNotifierInvalidateRangeEnd(MmuNotifierRange range)
    {
        var subscriptions = (await range.Mm.NotifierSubscriptions.Read())!;

        InvalidateRangeStartMap.Acquire();
        if (await subscriptions.HasItree.Read())
            await MnItreeInvEnd(subscriptions);

        if (!await HlistEmpty(subscriptions.List))
            await MnHlistInvalidateEnd(subscriptions, range);
        InvalidateRangeStartMap.Release();
    }

    [KernelFunction("__mmu_notifier_arch_invalidate_secondary_tlbs", File = File)]
    public async ValueTask __MmuNotifierArchInvalidateSecondaryTlbs(MmStruct mm, ulong start, ulong end)
    {
        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->arch_invalidate_secondary_tlbs");
            if (ops.ArchInvalidateSecondaryTlbs is not null)
                await ops.ArchInvalidateSecondaryTlbs(subscription, mm, start, end);
        }

        await Srcu.ReadUnlock(id);
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Coverage;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.IntervalTree;
using MmuNotifier.Verification.Kernel.Mm;
using static MmuNotifier.Verification.Kernel.Errno;
using static MmuNotifier.Verification.Kernel.Notifier.CIdioms;
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
/// <para>
/// The catalogued port defects are tested through <see cref="V"/>, resolved once per kernel: a
/// defect that changes one line is a guard next to the faithful line, a longer one a call into
/// <see cref="MmuNotifierVariants"/>. With every field false this is the faithful port.
/// </para>
/// </summary>
public sealed class MmuNotifierC
{
    private const string File = "mm/mmu_notifier.c";

    private readonly KernelInstance _k;
    private readonly IRuntime _rt;
    private bool _registerBothOpsWarned;

    internal MmuNotifierC(KernelInstance kernel)
    {
        _k = kernel;
        _rt = kernel.Rt;
        V = kernel.Variant;
        Srcu = _rt.NewSrcu("srcu");
        InvalidateRangeStartMap = _rt.NewLockMap("mmu_notifier_invalidate_range_start");
    }

    /// <summary>The single SRCU domain shared by every mm (DEFINE_STATIC_SRCU(srcu)).</summary>
    public ISrcu Srcu { get; }

    /// <summary>__mmu_notifier_invalidate_range_start_map: lockdep's view of "inside an invalidation".</summary>
    public ILockMap InvalidateRangeStartMap { get; }

    /// <summary>Which port defects this kernel runs with (all false: the faithful port).</summary>
    private PortVariant V { get; }

    // Coverage probes (docs/coverage.md): Reached() opens every ported function and Taken(c)
    // wraps every C condition (if, loop, the test before a goto or early return). Each returns
    // at once unless the exploration records coverage; Taken returns its condition unchanged.
    private void Reached([CallerMemberName] string method = "") => CoverageProbe.Entered(_rt, CoverageTag, method);

    private bool Taken(bool condition, [CallerMemberName] string method = "", [CallerLineNumber] int line = 0) =>
        CoverageProbe.Taken(_rt, condition, CoverageTag, method, line);

    // The null tests, so that the compiler still sees what they prove.
    private bool NotNull<T>([NotNullWhen(true)] T? value, [CallerMemberName] string method = "", [CallerLineNumber] int line = 0)
        where T : class => Taken(value is not null, method, line);

    private bool IsNull<T>([NotNullWhen(false)] T? value, [CallerMemberName] string method = "", [CallerLineNumber] int line = 0)
        where T : class => Taken(value is null, method, line);

    private const string CoverageTag = nameof(MmuNotifierC);

    // The lockdep conditions the C file passes to hlist_for_each_entry_rcu, for the report.
    private const string SrcuReadLockHeld = "srcu_read_lock_held(&srcu)";
    private const string ListLockHeld = "lockdep_is_held(&mm->notifier_subscriptions->lock)";

    [KernelFunction("mn_itree_is_invalidating", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<bool> MnItreeIsInvalidating(MmuNotifierSubscriptions subscriptions)
    {
        Reached();
        subscriptions.Lock.AssertHeld();
        return (await subscriptions.InvalidateSeq.Read() & 1) != 0;
    }

    /// <summary>Enters an invalidation; returns the first covered interval subscription and the seq to hand to callbacks.</summary>
    [KernelFunction("mn_itree_inv_start_range", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<(MmuIntervalNotifier? Sub, ulong Seq)> MnItreeInvStartRange(
        MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        Reached();
        MmuIntervalNotifier? res = null;

        await subscriptions.Lock.Lock();
        subscriptions.ActiveInvalidateRanges.Value++;
        var node = subscriptions.Itree.IterFirst(range.Start, range.End - 1);
        if (NotNull(node))
        {
            // Odd from here on: the tree is frozen and readers of covered ranges must wait.
            if (!V.NoOddSeqOnStart)
                await subscriptions.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read() | 1);
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
    internal MmuIntervalNotifier? MnItreeInvNext(MmuIntervalNotifier intervalSub, MmuNotifierRange range)
    {
        Reached();
        var node = IntervalTreeRoot<MmuIntervalNotifier>.IterNext(intervalSub.IntervalTree, range.Start, range.End - 1);
        return node?.Owner;
    }

    [KernelFunction("mn_itree_inv_end", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask MnItreeInvEnd(MmuNotifierSubscriptions subscriptions)
    {
        Reached();
        await subscriptions.Lock.Lock();
        var remaining = --subscriptions.ActiveInvalidateRanges.Value;
        if (V.InvEndDeferredEarly && await MnItreeIsInvalidating(subscriptions))
            ApplyDeferredList(subscriptions);

        // Only the last invalidation out, and only if one froze the tree, has work to do.
        if (Taken(remaining != 0 || !await MnItreeIsInvalidating(subscriptions)))
        {
            await subscriptions.Lock.Unlock();
            return;
        }

        var oddSeq = await subscriptions.InvalidateSeq.Read();
        await subscriptions.InvalidateSeq.Write(oddSeq + 1);
        if (_rt.IsTracing) _rt.Annotate($"mn_itree_inv_end: invalidate_seq {oddSeq} -> {oddSeq + 1}, active 0");
        ApplyDeferredList(subscriptions);

        await subscriptions.Lock.Unlock();

        if (!V.InvEndNoWakeup)
            await subscriptions.Wq.WakeUpAll();
    }

    /// <summary>
    /// The deferred-list loop of mn_itree_inv_end: apply the tree changes that arrived while it
    /// was frozen (a cleared node was waiting to be inserted, a linked one to be removed). A
    /// helper only because inv-end-deferred-early runs it at a second place.
    /// </summary>
    private void ApplyDeferredList(MmuNotifierSubscriptions subscriptions)
    {
        foreach (var item in subscriptions.DeferredList.ForEachSafe())
        {
            var intervalSub = item.Owner;
            if (Taken(intervalSub.IntervalTree.IsEmptyNode))
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
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ulong> MmuIntervalReadBegin(MmuIntervalNotifier intervalSub)
    {
        Reached();
        var subscriptions = (await intervalSub.Mm!.NotifierSubscriptions.Read())!;

        ulong seq;
        bool isInvalidating;
        if (V.ReadBeginUnlocked)
            (seq, isInvalidating) = await MmuNotifierVariants.ReadBeginUnlocked(subscriptions, intervalSub);
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
        if (Taken(isInvalidating))
        {
            await subscriptions.Wq.WaitEvent(subscriptions.InvalidateSeq, current => current != seq);
        }

        // No loop: a retry may already be due, and the caller bounds its own retries.
        return seq;
    }

    [KernelFunction("mn_itree_release", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask MnItreeRelease(MmuNotifierSubscriptions subscriptions, MmStruct mm)
    {
        Reached();
        var range = new MmuNotifierRange
        {
            Flags = MmuNotifierRange.MMU_NOTIFIER_RANGE_BLOCKABLE,
            Event = MmuNotifierEvent.MMU_NOTIFY_RELEASE,
            Mm = mm,
            Start = 0,
            End = ulong.MaxValue,
        };

        var (intervalSub, curSeq) = await MnItreeInvStartRange(subscriptions, range);
        for (; NotNull(intervalSub); intervalSub = MnItreeInvNext(intervalSub, range))
        {
            var ret = await CallInvalidate(_rt, intervalSub, range, curSeq);
            if (V.V1ReleaseWarnInverted)
                MmuNotifierVariants.V1ReleaseWarnInverted(_rt, intervalSub, ret);
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
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask MnHlistRelease(MmuNotifierSubscriptions subscriptions, MmStruct mm)
    {
        Reached();
        if (V.V1DoubleItreeRelease && await subscriptions.HasItree.Read())
            await MnItreeRelease(subscriptions, mm);

        var id = await Srcu.ReadLock();
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->release");
            if (NotNull(ops.Release))
                await ops.Release(subscription, mm);
        }

        await subscriptions.Lock.Lock();
        while (Taken(!await HlistEmpty(subscriptions.List)))
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
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask __MmuNotifierRelease(MmStruct mm)
    {
        Reached();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;

        if (Taken(await subscriptions.HasItree.Read()))
            await MnItreeRelease(subscriptions, mm);

        if (Taken(!await HlistEmpty(subscriptions.List)))
            await MnHlistRelease(subscriptions, mm);
    }

    [KernelFunction("__mmu_notifier_clear_flush_young", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> __MmuNotifierClearFlushYoung(MmStruct mm, ulong start, ulong end)
    {
        Reached();
        var young = 0;

        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->clear_flush_young");
            if (NotNull(ops.ClearFlushYoung))
                young |= await ops.ClearFlushYoung(subscription, mm, start, end);
        }

        await Srcu.ReadUnlock(id);

        return young;
    }

    [KernelFunction("__mmu_notifier_clear_young", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> __MmuNotifierClearYoung(MmStruct mm, ulong start, ulong end)
    {
        Reached();
        var young = 0;

        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->clear_young");
            if (NotNull(ops.ClearYoung))
                young |= await ops.ClearYoung(subscription, mm, start, end);
        }

        await Srcu.ReadUnlock(id);

        return young;
    }

    [KernelFunction("__mmu_notifier_test_young", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> __MmuNotifierTestYoung(MmStruct mm, ulong address)
    {
        Reached();
        var young = 0;

        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->test_young");
            if (NotNull(ops.TestYoung))
            {
                young = await ops.TestYoung(subscription, mm, address);
                if (Taken(young != 0))
                    break;
            }
        }

        await Srcu.ReadUnlock(id);

        return young;
    }

    [KernelFunction("__mmu_notifier_change_pte", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask __MmuNotifierChangePte(MmStruct mm, ulong address, ulong pte)
    {
        Reached();
        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->change_pte");
            if (NotNull(ops.ChangePte))
                await ops.ChangePte(subscription, mm, address, pte);
        }

        await Srcu.ReadUnlock(id);
    }

    [KernelFunction("mn_itree_invalidate", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<int> MnItreeInvalidate(MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        Reached();
        var (intervalSub, curSeq) = await MnItreeInvStartRange(subscriptions, range);
        for (; NotNull(intervalSub); intervalSub = MnItreeInvNext(intervalSub, range))
        {
            if (V.V1SeqWriteOutsideUserLock)
                await intervalSub.InvalidateSeq.WriteOnce(curSeq);
            var ret = await CallInvalidate(_rt, intervalSub, range, curSeq);
            if (Taken(!ret))
            {
                // Failing is only allowed to a callback that was told it must not sleep.
                if (Taken(_rt.WarnOn(MmuNotifierH.MmuNotifierRangeBlockable(range),
                        $"mn_itree_invalidate: {intervalSub.Name}'s invalidate failed on a blockable range {range}")) &&
                    !V.ReviewBlockableBackoff)
                    continue;
                goto out_would_block;
            }
        }

        return 0;

    out_would_block:
        // Checking addition: the walk stopped early, so the tree's count of live iterations must
        // be told that this one is over.
        subscriptions.Itree.EndIteration();
        // The caller will not call invalidate_range_end after -EAGAIN, so end the itree side now.
        if (!V.NonblockFailNoInvEnd)
            await MnItreeInvEnd(subscriptions);
        return -EAGAIN;
    }

    [KernelFunction("mn_hlist_invalidate_range_start", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<int> MnHlistInvalidateRangeStart(MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        Reached();
        var ret = 0;

        var id = await Srcu.ReadLock();
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops");

            if (NotNull(ops.InvalidateRangeStart))
            {
                int ret2;
                using (NonBlockStart(_rt, range))
                    ret2 = await ops.InvalidateRangeStart(subscription, range);
                if (Taken(ret2 != 0))
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

        if (Taken(ret != 0) && !V.HlistStartFailNoEnd)
        {
            // Only non-blocking callers get here. Subscribers whose start succeeded expect their
            // end; the caller will not call end after an error, so pair them up now.
            for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
            {
                var subscription = node.Owner;
                var ops = OpsOf(subscription, "subscription->ops->invalidate_range_end");
                if (IsNull(ops.InvalidateRangeEnd))
                    continue;

                // The kernel does not wrap these catch-up end calls in non_block_start(); the port
                // does (a checking addition, like the interval callbacks): the range is
                // non-blockable all the same, and a driver whose end sleeps here should be caught.
                using (NonBlockStart(_rt, range))
                    await ops.InvalidateRangeEnd(subscription, range);
            }
        }

        await Srcu.ReadUnlock(id);

        return ret;
    }

    [KernelFunction("__mmu_notifier_invalidate_range_start", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> __MmuNotifierInvalidateRangeStart(MmuNotifierRange range)
    {
        Reached();
        var subscriptions = (await range.Mm.NotifierSubscriptions.Read())!;
        int ret;

        if (Taken(await subscriptions.HasItree.Read()))
        {
            ret = await MnItreeInvalidate(subscriptions, range);
            if (Taken(ret != 0))
                return ret;
        }

        if (Taken(!await HlistEmpty(subscriptions.List)))
            return await MnHlistInvalidateRangeStart(subscriptions, range);
        return 0;
    }

    [KernelFunction("mn_hlist_invalidate_end", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal async ValueTask MnHlistInvalidateEnd(MmuNotifierSubscriptions subscriptions, MmuNotifierRange range)
    {
        Reached();
        var id = await Srcu.ReadLock();
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->invalidate_range_end");
            if (NotNull(ops.InvalidateRangeEnd))
            {
                using (NonBlockStart(_rt, range))
                    await ops.InvalidateRangeEnd(subscription, range);
            }
        }

        await Srcu.ReadUnlock(id);
    }

    [KernelFunction("__mmu_notifier_invalidate_range_end", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask __MmuNotifierInvalidateRangeEnd(MmuNotifierRange range)
    {
        Reached();
        var subscriptions = (await range.Mm.NotifierSubscriptions.Read())!;

        InvalidateRangeStartMap.Acquire();
        if (Taken(await subscriptions.HasItree.Read()))
            await MnItreeInvEnd(subscriptions);

        if (Taken(!await HlistEmpty(subscriptions.List)))
            await MnHlistInvalidateEnd(subscriptions, range);
        InvalidateRangeStartMap.Release();
    }

    [KernelFunction("__mmu_notifier_arch_invalidate_secondary_tlbs", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask __MmuNotifierArchInvalidateSecondaryTlbs(MmStruct mm, ulong start, ulong end)
    {
        Reached();
        var id = await Srcu.ReadLock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List, _rt, Srcu.IsReadLockHeld, SrcuReadLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            var ops = OpsOf(subscription, "subscription->ops->arch_invalidate_secondary_tlbs");
            if (NotNull(ops.ArchInvalidateSecondaryTlbs))
                await ops.ArchInvalidateSecondaryTlbs(subscription, mm, start, end);
        }

        await Srcu.ReadUnlock(id);
    }

    /// <summary>
    /// Registers <paramref name="subscription"/> on the hlist, or with a null subscription turns
    /// on interval-tree mode. The caller holds mmap_lock for write and an mm_users reference.
    /// </summary>
    [KernelFunction("__mmu_notifier_register", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> __MmuNotifierRegister(MmuNotifierSubscription? subscription, MmStruct mm)
    {
        Reached();
        MmuNotifierSubscriptions? subscriptions = null;
        int ret;

        MmapLockOps.MmapAssertWriteLocked(mm);
        _rt.BugOn(await mm.MmUsers.Read() <= 0, $"__mmu_notifier_register on {mm.Name} without an mm_users reference");

        // A subscriber flushes a secondary TLB or brackets invalidations with start/end, not both.
        var bothOps = V.RfcRegisterNullOps
            ? MmuNotifierVariants.RfcRegisterNullOps(_rt, subscription)
            : subscription is not null &&
              OpsOf(subscription, "subscription->ops").ArchInvalidateSecondaryTlbs is not null &&
              (subscription.Ops!.InvalidateRangeStart is not null || subscription.Ops.InvalidateRangeEnd is not null);
        if (Taken(WarnOnOnce(_rt, ref _registerBothOpsWarned, bothOps,
                $"__mmu_notifier_register: {subscription?.Name} has both arch_invalidate_secondary_tlbs and invalidate_range_start/end")))
            return -EINVAL;

        if (Taken(await mm.NotifierSubscriptions.Read() is null))
        {
            // Allocate before mm_take_all_locks, which must not be held across a sleeping
            // allocation; the pointer cannot change meanwhile because mmap_lock is held for write.
            var memory = await _k.Slab.Kzalloc("mmu_notifier_subscriptions");
            if (IsNull(memory))
                return -ENOMEM;

            subscriptions = new MmuNotifierSubscriptions(_rt, mm.Name, memory, initialSeq: V.InitialSeqOdd ? 1UL : 2UL);
        }

        ret = await _k.MmapLocks.MmTakeAllLocks(mm);
        if (Taken(ret != 0))
            goto out_clean;

        // Every invalidation path is now excluded. Publish with release semantics: lockless
        // readers that load the pointer with acquire must see the initialised structure.
        if (NotNull(subscriptions))
            await mm.NotifierSubscriptions.StoreRelease(subscriptions);

        if (NotNull(subscription))
        {
            // This pin on the mm is dropped by unregister or by the put's SRCU callback.
            await _k.Sched.Mmgrab(mm);
            subscription.Mm = mm;
            await subscription.Users.Write(1);

            await (await mm.NotifierSubscriptions.Read())!.Lock.Lock();
            await HlistAddHeadRcu(subscription.Hlist, (await mm.NotifierSubscriptions.Read())!.List);
            await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();
        }
        else
        {
            await (await mm.NotifierSubscriptions.Read())!.HasItree.Write(true);
        }

        await _k.MmapLocks.MmDropAllLocks(mm);
        _rt.BugOn(await mm.MmUsers.Read() <= 0, $"__mmu_notifier_register: {mm.Name} lost its last user while registering");
        return 0;

    out_clean:
        await _k.Slab.Kfree(subscriptions?.Lifetime);
        return ret;
    }

    /// <summary>Takes mmap_lock for write around __mmu_notifier_register; must not be called with any mm lock held.</summary>
    [KernelFunction("mmu_notifier_register", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmuNotifierRegister(MmuNotifierSubscription? subscription, MmStruct mm)
    {
        Reached();
        int ret;

        await MmapLockOps.MmapWriteLock(mm);
        ret = await __MmuNotifierRegister(subscription, mm);
        await MmapLockOps.MmapWriteUnlock(mm);
        return ret;
    }

    /// <summary>An existing subscription with these ops gains a user; NULL when there is none.</summary>
    [KernelFunction("find_get_mmu_notifier", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<ErrPtr<MmuNotifierSubscription>> FindGetMmuNotifier(MmStruct mm, MmuNotifierOps ops)
    {
        Reached();
        await (await mm.NotifierSubscriptions.Read())!.Lock.Lock();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        for (var node = await FirstRcu(subscriptions.List, _rt, subscriptions.Lock.IsHeldByCurrentThread, ListLockHeld); NotNull(node); node = await NextRcu(node))
        {
            var subscription = node.Owner;
            if (Taken(!ReferenceEquals(OpsOf(subscription, "subscription->ops"), ops)))
                continue;

            ErrPtr<MmuNotifierSubscription> result;
            var users = await subscription.Users.Read();
            if (Taken(users != uint.MaxValue))
            {
                await subscription.Users.Write(users + 1);
                result = subscription;
            }
            else
            {
                result = ErrPtr<MmuNotifierSubscription>.Err(-EOVERFLOW);
            }

            await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();
            return result;
        }

        await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();
        return ErrPtr<MmuNotifierSubscription>.Null;
    }

    /// <summary>
    /// The one subscription of this mm for these ops, shared by reference count: found, or made
    /// with ops->alloc_notifier and registered. Caller holds mmap_lock for write.
    /// </summary>
    [KernelFunction("mmu_notifier_get_locked", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ErrPtr<MmuNotifierSubscription>> MmuNotifierGetLocked(MmuNotifierOps ops, MmStruct mm)
    {
        Reached();
        ErrPtr<MmuNotifierSubscription> subscription;
        int ret;

        MmapLockOps.MmapAssertWriteLocked(mm);

        if (Taken(await mm.NotifierSubscriptions.Read() is not null))
        {
            subscription = await FindGetMmuNotifier(mm, ops);
            if (Taken(!subscription.IsNull))
                return subscription;
        }

        subscription = await ops.AllocNotifier!(mm);
        if (Taken(subscription.IsErr))
            return subscription;
        subscription.Value!.Ops = ops;
        ret = await __MmuNotifierRegister(subscription.Value, mm);
        if (Taken(ret != 0))
            goto out_free;
        return subscription;

    out_free:
        await subscription.Value.Ops.FreeNotifier!(subscription.Value);
        return ErrPtr<MmuNotifierSubscription>.Err(ret);
    }

    /// <summary>Runs from the last mmdrop, after every unregister has returned.</summary>
    [KernelFunction("__mmu_notifier_subscriptions_destroy", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask __MmuNotifierSubscriptionsDestroy(MmStruct mm)
    {
        Reached();
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        _rt.BugOn(!await HlistEmpty(subscriptions.List),
            $"__mmu_notifier_subscriptions_destroy: {mm.Name} still has subscribers on its list");
        await _k.Slab.Kfree(subscriptions.Lifetime);
        // The kernel poisons the pointer here. The model leaves it pointing at the freed
        // structure instead: any later use is then reported as a use-after-free, which is the
        // point of the poison.
    }

    /// <summary>
    /// Takes <paramref name="subscription"/> off the list, calling ->release if exit_mmap has not
    /// already done so, and returns only when no op of it can be running any more; drops the
    /// mm_count pin that registration took.
    /// </summary>
    [KernelFunction("mmu_notifier_unregister", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierUnregister(MmuNotifierSubscription subscription, MmStruct mm)
    {
        Reached();
        _rt.BugOn(await mm.MmCount.Read() <= 0, $"mmu_notifier_unregister: {mm.Name} has no mm_count");

        if (Taken(!await HlistUnhashed(subscription.Hlist)))
        {
            // Holding SRCU over ->release makes mn_hlist_release's synchronize_srcu, and so
            // exit_mmap's freeing of pages, wait for it.
            var id = await Srcu.ReadLock();
            var ops = OpsOf(subscription, "subscription->ops->release");
            if (NotNull(ops.Release))
                await ops.Release(subscription, mm);
            await Srcu.ReadUnlock(id);

            await (await mm.NotifierSubscriptions.Read())!.Lock.Lock();
            // The init variant: exit_mmap may have unhashed it since our test above.
            await HlistDelInitRcu(subscription.Hlist);
            await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();
        }

        // Wait out every op still running on this subscription, ->release from exit_mmap included.
        if (!V.UnregisterNoSynchronize)
            await Srcu.Synchronize();

        _rt.BugOn(await mm.MmCount.Read() <= 0, $"mmu_notifier_unregister: {mm.Name} lost its mm_count while unregistering");

        await _k.Sched.Mmdrop(mm);
    }

    /// <summary>The SRCU callback of mmu_notifier_put: nothing can reach the subscription any more.</summary>
    [KernelFunction("mmu_notifier_free_rcu", File = File)]
    internal async Task MmuNotifierFreeRcu(MmuNotifierSubscription subscription)
    {
        Reached();
        var mm = subscription.Mm!;

        await OpsOf(subscription, "subscription->ops->free_notifier").FreeNotifier!(subscription);
        // Drops the pin __mmu_notifier_register took.
        await _k.Sched.Mmdrop(mm);
    }

    /// <summary>
    /// Drops one get; the last one unhashes the subscription and frees it after a grace period.
    /// Unlike unregister it does not call ->release and does not wait.
    /// </summary>
    [KernelFunction("mmu_notifier_put", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuNotifierPut(MmuNotifierSubscription subscription)
    {
        Reached();
        var mm = subscription.Mm!;

        await (await mm.NotifierSubscriptions.Read())!.Lock.Lock();
        if (Taken(_rt.WarnOn(await subscription.Users.Read() == 0, $"mmu_notifier_put: {subscription.Name} has no users") ||
            await PreDecrement(subscription.Users) != 0))
            goto out_unlock;
        await HlistDelInitRcu(subscription.Hlist);
        await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();

        if (V.PutFreesImmediately)
            await MmuNotifierFreeRcu(subscription);
        else
            await Srcu.CallSrcu("mmu_notifier_free_rcu", () => MmuNotifierFreeRcu(subscription));

        return;

    out_unlock:
        await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();
    }

    [KernelFunction("__mmu_interval_notifier_insert", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<int> __MmuIntervalNotifierInsert(
        MmuIntervalNotifier intervalSub, MmStruct mm, MmuNotifierSubscriptions subscriptions,
        ulong start, ulong length, MmuIntervalNotifierOps ops)
    {
        Reached();
        intervalSub.Mm = mm;
        intervalSub.Ops = ops;
        intervalSub.IntervalTree.ClearNode();
        intervalSub.IntervalTree.Start = start;
        // The tree stores inclusive ends, so the range must be non-empty and start + length - 1
        // must not wrap.
        if (Taken(length == 0 ||
            CheckAddOverflow(start, length - 1, out intervalSub.IntervalTree.Last)))
            return -EOVERFLOW;

        // The caller must hold an mm_users reference.
        if (Taken(_rt.WarnOn(await mm.MmUsers.Read() <= 0, $"mmu_interval_notifier_insert: {mm.Name} has no mm_users")))
            return -EINVAL;

        // Dropped by mmu_interval_notifier_remove.
        await _k.Sched.Mmgrab(mm);

        // A new subscription's seq must be odd, so that read_begin never mistakes it for "being
        // invalidated" unless an invalidation really handed it that value.
        await subscriptions.Lock.Lock();
        if (Taken(subscriptions.ActiveInvalidateRanges.Value != 0))
        {
            // Some invalidation is running and may cover the new range without anyone knowing:
            // give the subscription the current (odd) seq so that read_begin waits for it.
            if (Taken(await MnItreeIsInvalidating(subscriptions)))
            {
                // The tree is frozen: let the last mn_itree_inv_end insert it.
                subscriptions.DeferredList.AddHead(intervalSub.DeferredItem);
            }
            else
            {
                if (!V.InsertExcludedNoOdd)
                    await subscriptions.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read() | 1);
                subscriptions.Itree.Insert(intervalSub.IntervalTree);
            }

            await intervalSub.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read());
        }
        else
        {
            _rt.WarnOn(await MnItreeIsInvalidating(subscriptions),
                "__mmu_interval_notifier_insert: invalidate_seq is odd with no active invalidation");
            // Odd, and as far behind the global seq as possible, so it will not collide with it.
            await intervalSub.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read() - (V.InsertIdleEvenSeq ? 0UL : 1UL));
            subscriptions.Itree.Insert(intervalSub.IntervalTree);
        }

        await subscriptions.Lock.Unlock();
        return 0;
    }

    /// <summary>
    /// Subscribes [start, start + length) of <paramref name="mm"/>. On return the subscription may
    /// still be waiting on the deferred list; callers establish mappings through read_begin/retry.
    /// </summary>
    [KernelFunction("mmu_interval_notifier_insert", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmuIntervalNotifierInsert(
        MmuIntervalNotifier intervalSub, MmStruct mm, ulong start, ulong length, MmuIntervalNotifierOps ops)
    {
        Reached();
        MmuNotifierSubscriptions? subscriptions;
        int ret;

        // might_lock(&mm->mmap_lock): mmap_lock is a sleeping lock.
        _rt.MightSleep("mmu_interval_notifier_insert may take mmap_lock");

        subscriptions = await mm.NotifierSubscriptions.LoadAcquire();
        if (Taken(subscriptions is null || !await subscriptions.HasItree.Read()))
        {
            ret = await MmuNotifierRegister(null, mm);
            if (Taken(ret != 0))
                return ret;
            subscriptions = await mm.NotifierSubscriptions.Read();
        }

        return await __MmuIntervalNotifierInsert(intervalSub, mm, subscriptions!, start, length, ops);
    }

    [KernelFunction("mmu_interval_notifier_insert_locked", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<int> MmuIntervalNotifierInsertLocked(
        MmuIntervalNotifier intervalSub, MmStruct mm, ulong start, ulong length, MmuIntervalNotifierOps ops)
    {
        Reached();
        var subscriptions = await mm.NotifierSubscriptions.Read();
        int ret;

        MmapLockOps.MmapAssertWriteLocked(mm);

        if (Taken(subscriptions is null || !await subscriptions.HasItree.Read()))
        {
            ret = await __MmuNotifierRegister(null, mm);
            if (Taken(ret != 0))
                return ret;
            subscriptions = await mm.NotifierSubscriptions.Read();
        }

        return await __MmuIntervalNotifierInsert(intervalSub, mm, subscriptions!, start, length, ops);
    }

    [KernelFunction("mmu_interval_seq_released", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<bool> MmuIntervalSeqReleased(MmuNotifierSubscriptions subscriptions, ulong seq)
    {
        Reached();
        bool ret;

        await subscriptions.Lock.Lock();
        ret = await subscriptions.InvalidateSeq.Read() != seq;
        await subscriptions.Lock.Unlock();
        return ret;
    }

    /// <summary>
    /// Unsubscribes; on return the subscription's invalidate is not running and will not be called
    /// again. Must not be called from an invalidate callback (it may wait for the invalidation).
    /// </summary>
    [KernelFunction("mmu_interval_notifier_remove", File = File)]
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask MmuIntervalNotifierRemove(MmuIntervalNotifier intervalSub)
    {
        Reached();
        var mm = intervalSub.Mm!;
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        ulong seq = 0;

        _rt.MightSleep("mmu_interval_notifier_remove");

        await subscriptions.Lock.Lock();
        if (Taken(await MnItreeIsInvalidating(subscriptions)))
        {
            if (Taken(intervalSub.IntervalTree.IsEmptyNode))
            {
                // Its deferred insert never happened: just cancel it.
                HlistHead<MmuIntervalNotifier>.Del(intervalSub.DeferredItem);
            }
            else
            {
                // Queue the removal for the last mn_itree_inv_end, and remember which
                // invalidation we must outlive.
                if (V.RemoveNoDefer)
                    subscriptions.Itree.Remove(intervalSub.IntervalTree);
                else
                    subscriptions.DeferredList.AddHead(intervalSub.DeferredItem);
                seq = await subscriptions.InvalidateSeq.Read();
            }
        }
        else
        {
            _rt.WarnOn(intervalSub.IntervalTree.IsEmptyNode,
                $"mmu_interval_notifier_remove: {intervalSub.Name} is neither in the tree nor deferred");
            subscriptions.Itree.Remove(intervalSub.IntervalTree);
        }

        await subscriptions.Lock.Unlock();

        // Waiting for invalidations means the caller must not hold a lock a callback takes.
        InvalidateRangeStartMap.Acquire();
        InvalidateRangeStartMap.Release();
        if (seq != 0 && !V.RemoveNoWait)
            await WaitEventSeqReleased(this, subscriptions, seq);

        // Drops the pin taken by the insert.
        await _k.Sched.Mmdrop(mm);
    }

    /// <summary>
    /// For module exit paths after the last mmu_notifier_put. Note the kernel waits for a grace
    /// period here (synchronize_srcu), not for queued callbacks (srcu_barrier); the port keeps that.
    /// </summary>
    [KernelFunction("mmu_notifier_synchronize", File = File)]
    public ValueTask MmuNotifierSynchronize()
    {
        Reached();
        return Srcu.Synchronize();
    }
}

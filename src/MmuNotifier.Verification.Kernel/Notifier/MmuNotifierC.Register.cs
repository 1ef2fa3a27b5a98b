// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.Mm;
using static MmuNotifier.Verification.Kernel.Errno;
using static MmuNotifier.Verification.Kernel.Hlist.RculistOps;

namespace MmuNotifier.Verification.Kernel.Notifier;

// mm/mmu_notifier.c, second half: registration, get/put, unregistration, interval insert/remove.
// Kept in the C file's order, continuing where MmuNotifierC.cs stops.
public sealed partial class MmuNotifierC
{
    /// <summary>
    /// Registers <paramref name="subscription"/> on the hlist, or with a null subscription turns
    /// on interval-tree mode. The caller holds mmap_lock for write and an mm_users reference.
    /// </summary>
    [KernelFunction("__mmu_notifier_register", File = File)]
    public async ValueTask<int> __MmuNotifierRegister(MmuNotifierSubscription? subscription, MmStruct mm)
    {
        MmuNotifierSubscriptions? subscriptions = null;
        int ret;

        MmapLockOps.MmapAssertWriteLocked(mm);
        _rt.BugOn(await mm.MmUsers.Read() <= 0, $"__mmu_notifier_register on {mm.Name} without an mm_users reference");

        // A subscriber flushes a secondary TLB or brackets invalidations with start/end, not both.
        bool bothOps;
        if (Config.Has(PortDefects.RfcRegisterNullOps))
        {
            // Defect rfc-register-null-ops: the RFC tested the ops without testing for the NULL
            // subscription of interval-tree registration first.
            var ops = OpsOfMaybeNull(subscription);
            bothOps = ops.ArchInvalidateSecondaryTlbs is not null &&
                      (ops.InvalidateRangeStart is not null || ops.InvalidateRangeEnd is not null);
        }
        else
        {
            bothOps = subscription is not null &&
                      OpsOf(subscription, "subscription->ops").ArchInvalidateSecondaryTlbs is not null &&
                      (subscription.Ops!.InvalidateRangeStart is not null || subscription.Ops.InvalidateRangeEnd is not null);
        }

        if (WarnOnOnce(ref _registerBothOpsWarned, bothOps,
                $"__mmu_notifier_register: {subscription?.Name} has both arch_invalidate_secondary_tlbs and invalidate_range_start/end"))
            return -EINVAL;

        if (await mm.NotifierSubscriptions.Read() is null)
        {
            // Allocate before mm_take_all_locks, which must not be held across a sleeping
            // allocation; the pointer cannot change meanwhile because mmap_lock is held for write.
            var memory = await _k.Slab.Kzalloc("mmu_notifier_subscriptions");
            if (memory is null)
                return -ENOMEM;

            if (Config.Has(PortDefects.InitialSeqOdd))
            {
                // Defect initial-seq-odd: the idle state starts out looking like an invalidation.
                subscriptions = new MmuNotifierSubscriptions(_rt, mm.Name, memory, initialSeq: 1);
            }
            else
            {
                subscriptions = new MmuNotifierSubscriptions(_rt, mm.Name, memory);
            }
        }

        ret = await _k.MmapLocks.MmTakeAllLocks(mm);
        if (ret != 0)
            goto out_clean;

        // Every invalidation path is now excluded. Publish with release semantics: lockless
        // readers that load the pointer with acquire must see the initialised structure.
        if (subscriptions is not null)
            await mm.NotifierSubscriptions.StoreRelease(subscriptions);

        if (subscription is not null)
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
    public async ValueTask<int> MmuNotifierRegister(MmuNotifierSubscription? subscription, MmStruct mm)
    {
        int ret;

        await MmapLockOps.MmapWriteLock(mm);
        ret = await __MmuNotifierRegister(subscription, mm);
        await MmapLockOps.MmapWriteUnlock(mm);
        return ret;
    }

    /// <summary>An existing subscription with these ops gains a user; NULL when there is none.</summary>
    [KernelFunction("find_get_mmu_notifier", File = File)]
    internal async ValueTask<ErrPtr<MmuNotifierSubscription>> FindGetMmuNotifier(MmStruct mm, MmuNotifierOps ops)
    {
        await (await mm.NotifierSubscriptions.Read())!.Lock.Lock();
        var list = (await mm.NotifierSubscriptions.Read())!.List;
        for (var node = await FirstRcu(list); node is not null; node = await NextRcu(node))
        {
            var subscription = node.Owner;
            if (!ReferenceEquals(OpsOf(subscription, "subscription->ops"), ops))
                continue;

            ErrPtr<MmuNotifierSubscription> result;
            var users = await subscription.Users.Read();
            if (users != uint.MaxValue)
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
    public async ValueTask<ErrPtr<MmuNotifierSubscription>> MmuNotifierGetLocked(MmuNotifierOps ops, MmStruct mm)
    {
        ErrPtr<MmuNotifierSubscription> subscription;
        int ret;

        MmapLockOps.MmapAssertWriteLocked(mm);

        if (await mm.NotifierSubscriptions.Read() is not null)
        {
            subscription = await FindGetMmuNotifier(mm, ops);
            if (!subscription.IsNull)
                return subscription;
        }

        subscription = await ops.AllocNotifier!(mm);
        if (subscription.IsErr)
            return subscription;
        subscription.Value!.Ops = ops;
        ret = await __MmuNotifierRegister(subscription.Value, mm);
        if (ret != 0)
            goto out_free;
        return subscription;

    out_free:
        await subscription.Value.Ops.FreeNotifier!(subscription.Value);
        return ErrPtr<MmuNotifierSubscription>.Err(ret);
    }

    /// <summary>Runs from the last mmdrop, after every unregister has returned.</summary>
    [KernelFunction("__mmu_notifier_subscriptions_destroy", File = File)]
    public async ValueTask __MmuNotifierSubscriptionsDestroy(MmStruct mm)
    {
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
    public async ValueTask MmuNotifierUnregister(MmuNotifierSubscription subscription, MmStruct mm)
    {
        _rt.BugOn(await mm.MmCount.Read() <= 0, $"mmu_notifier_unregister: {mm.Name} has no mm_count");

        if (!await HlistUnhashed(subscription.Hlist))
        {
            // Holding SRCU over ->release makes mn_hlist_release's synchronize_srcu, and so
            // exit_mmap's freeing of pages, wait for it.
            var id = await Srcu.ReadLock();
            var ops = OpsOf(subscription, "subscription->ops->release");
            if (ops.Release is not null)
                await ops.Release(subscription, mm);
            await Srcu.ReadUnlock(id);

            await (await mm.NotifierSubscriptions.Read())!.Lock.Lock();
            // The init variant: exit_mmap may have unhashed it since our test above.
            await HlistDelInitRcu(subscription.Hlist);
            await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();
        }

        if (Config.Has(PortDefects.UnregisterNoSynchronize))
        {
            // Defect unregister-no-synchronize: SRCU readers inside this subscription's ops are not waited for.
        }
        else
        {
            // Wait out every op still running on this subscription, ->release from exit_mmap included.
            await Srcu.Synchronize();
        }

        _rt.BugOn(await mm.MmCount.Read() <= 0, $"mmu_notifier_unregister: {mm.Name} lost its mm_count while unregistering");

        await _k.Sched.Mmdrop(mm);
    }

    /// <summary>The SRCU callback of mmu_notifier_put: nothing can reach the subscription any more.</summary>
    [KernelFunction("mmu_notifier_free_rcu", File = File)]
    internal async Task MmuNotifierFreeRcu(MmuNotifierSubscription subscription)
    {
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
    public async ValueTask MmuNotifierPut(MmuNotifierSubscription subscription)
    {
        var mm = subscription.Mm!;

        await (await mm.NotifierSubscriptions.Read())!.Lock.Lock();
        if (_rt.WarnOn(await subscription.Users.Read() == 0, $"mmu_notifier_put: {subscription.Name} has no users") ||
            await PreDecrement(subscription.Users) != 0)
            goto out_unlock;
        await HlistDelInitRcu(subscription.Hlist);
        await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();

        if (Config.Has(PortDefects.PutFreesImmediately))
        {
            // Defect put-frees-immediately: no grace period for list walkers that still hold it.
            await MmuNotifierFreeRcu(subscription);
        }
        else
        {
            await Srcu.CallSrcu("mmu_notifier_free_rcu", () => MmuNotifierFreeRcu(subscription));
        }

        return;

    out_unlock:
        await (await mm.NotifierSubscriptions.Read())!.Lock.Unlock();
    }

    [KernelFunction("__mmu_interval_notifier_insert", File = File)]
    internal async ValueTask<int> __MmuIntervalNotifierInsert(
        MmuIntervalNotifier intervalSub, MmStruct mm, MmuNotifierSubscriptions subscriptions,
        ulong start, ulong length, MmuIntervalNotifierOps ops)
    {
        intervalSub.Mm = mm;
        intervalSub.Ops = ops;
        intervalSub.IntervalTree.ClearNode();
        intervalSub.IntervalTree.Start = start;
        // The tree stores inclusive ends, so the range must be non-empty and start + length - 1
        // must not wrap.
        if (length == 0 ||
            CheckAddOverflow(start, length - 1, out intervalSub.IntervalTree.Last))
            return -EOVERFLOW;

        // The caller must hold an mm_users reference.
        if (_rt.WarnOn(await mm.MmUsers.Read() <= 0, $"mmu_interval_notifier_insert: {mm.Name} has no mm_users"))
            return -EINVAL;

        // Dropped by mmu_interval_notifier_remove.
        await _k.Sched.Mmgrab(mm);

        // A new subscription's seq must be odd, so that read_begin never mistakes it for "being
        // invalidated" unless an invalidation really handed it that value.
        await subscriptions.Lock.Lock();
        if (subscriptions.ActiveInvalidateRanges.Value != 0)
        {
            // Some invalidation is running and may cover the new range without anyone knowing:
            // give the subscription the current (odd) seq so that read_begin waits for it.
            if (await MnItreeIsInvalidating(subscriptions))
            {
                // The tree is frozen: let the last mn_itree_inv_end insert it.
                subscriptions.DeferredList.AddHead(intervalSub.DeferredItem);
            }
            else
            {
                if (Config.Has(PortDefects.InsertExcludedNoOdd))
                {
                    // Defect insert-excluded-no-odd: the running invalidation stays unnoticed.
                }
                else
                {
                    await subscriptions.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read() | 1);
                }

                subscriptions.Itree.Insert(intervalSub.IntervalTree);
            }

            await intervalSub.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read());
        }
        else
        {
            _rt.WarnOn(await MnItreeIsInvalidating(subscriptions),
                "__mmu_interval_notifier_insert: invalidate_seq is odd with no active invalidation");
            // Odd, and as far behind the global seq as possible, so it will not collide with it.
            if (Config.Has(PortDefects.InsertIdleEvenSeq))
            {
                // Defect insert-idle-even-seq: the even current value, equal to the global one.
                await intervalSub.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read());
            }
            else
            {
                await intervalSub.InvalidateSeq.Write(await subscriptions.InvalidateSeq.Read() - 1);
            }
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
    public async ValueTask<int> MmuIntervalNotifierInsert(
        MmuIntervalNotifier intervalSub, MmStruct mm, ulong start, ulong length, MmuIntervalNotifierOps ops)
    {
        MmuNotifierSubscriptions? subscriptions;
        int ret;

        // might_lock(&mm->mmap_lock): mmap_lock is a sleeping lock.
        _rt.MightSleep("mmu_interval_notifier_insert may take mmap_lock");

        subscriptions = await mm.NotifierSubscriptions.LoadAcquire();
        if (subscriptions is null || !await subscriptions.HasItree.Read())
        {
            ret = await MmuNotifierRegister(null, mm);
            if (ret != 0)
                return ret;
            subscriptions = await mm.NotifierSubscriptions.Read();
        }

        return await __MmuIntervalNotifierInsert(intervalSub, mm, subscriptions!, start, length, ops);
    }

    [KernelFunction("mmu_interval_notifier_insert_locked", File = File)]
    public async ValueTask<int> MmuIntervalNotifierInsertLocked(
        MmuIntervalNotifier intervalSub, MmStruct mm, ulong start, ulong length, MmuIntervalNotifierOps ops)
    {
        var subscriptions = await mm.NotifierSubscriptions.Read();
        int ret;

        MmapLockOps.MmapAssertWriteLocked(mm);

        if (subscriptions is null || !await subscriptions.HasItree.Read())
        {
            ret = await __MmuNotifierRegister(null, mm);
            if (ret != 0)
                return ret;
            subscriptions = await mm.NotifierSubscriptions.Read();
        }

        return await __MmuIntervalNotifierInsert(intervalSub, mm, subscriptions!, start, length, ops);
    }

    [KernelFunction("mmu_interval_seq_released", File = File)]
    internal async ValueTask<bool> MmuIntervalSeqReleased(MmuNotifierSubscriptions subscriptions, ulong seq)
    {
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
    public async ValueTask MmuIntervalNotifierRemove(MmuIntervalNotifier intervalSub)
    {
        var mm = intervalSub.Mm!;
        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        ulong seq = 0;

        _rt.MightSleep("mmu_interval_notifier_remove");

        await subscriptions.Lock.Lock();
        if (await MnItreeIsInvalidating(subscriptions))
        {
            if (intervalSub.IntervalTree.IsEmptyNode)
            {
                // Its deferred insert never happened: just cancel it.
                HlistHead<MmuIntervalNotifier>.Del(intervalSub.DeferredItem);
            }
            else
            {
                if (Config.Has(PortDefects.RemoveNoDefer))
                {
                    // Defect remove-no-defer: unlinks from the tree that invalidations are walking.
                    subscriptions.Itree.Remove(intervalSub.IntervalTree);
                }
                else
                {
                    // Queue the removal for the last mn_itree_inv_end, and remember which
                    // invalidation we must outlive.
                    subscriptions.DeferredList.AddHead(intervalSub.DeferredItem);
                }

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
        if (Config.Has(PortDefects.RemoveNoWait))
        {
            // Defect remove-no-wait: returns while the invalidation it overlapped may still call it.
        }
        else if (seq != 0)
        {
            await WaitEventSeqReleased(subscriptions, seq);
        }

        // Drops the pin taken by the insert.
        await _k.Sched.Mmdrop(mm);
    }

    /// <summary>
    /// For module exit paths after the last mmu_notifier_put. Note the kernel waits for a grace
    /// period here (synchronize_srcu), not for queued callbacks (srcu_barrier); the port keeps that.
    /// </summary>
    [KernelFunction("mmu_notifier_synchronize", File = File)]
    public ValueTask MmuNotifierSynchronize() => Srcu.Synchronize();
}

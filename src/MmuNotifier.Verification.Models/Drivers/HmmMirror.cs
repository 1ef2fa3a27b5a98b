// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// An HMM-style mirror (in the manner of lib/test_hmm.c): one interval subscription over its
/// pages, a device page table and the driver mutex that orders device-table updates against
/// mmu_interval_read_retry. Faults follow read_begin → read PTE under mmap_lock and the PTL →
/// lock → read_retry → install; the invalidate callback records the sequence and zaps under the mutex.
/// The mmu_interval_notifier lives in the mirror's own allocation, which teardown frees as soon
/// as mmu_interval_notifier_remove has returned and no fault still uses it (a fault holds the
/// mirror as an ioctl holds test_hmm's file): from then on the kernel must not reach it.
/// </summary>
public class HmmMirror : UserModel
{
    /// <summary>A fault gives up after this many collisions, as hmm_range_fault callers time out.</summary>
    private const int MaxRetries = 4;

    /// <summary>The liveness property every fault watches: read_begin is followed by the fault's end.</summary>
    public const string ReadBeginProgress = "read-begin-progress";

    private readonly IMutex _lock;
    private readonly Guarded<bool> _live;
    private readonly MmuIntervalNotifierOps _ops;
    private readonly ILifetime _memory;

    // Faults that use the subscription while another thread may remove it, and whether the
    // teardown left the free to the last of them.
    private readonly Guarded<int> _faulting;
    private readonly Guarded<bool> _freeDeferred;
    private bool _inserted;
    private bool _removed;

    public HmmMirror(ModelWorld world, SubscriptionSpec spec) : base(world, spec)
    {
        var rt = world.Rt;
        _lock = rt.NewMutex($"{Name}.mutex");
        _live = new Guarded<bool>(_lock, false);
        _faulting = new Guarded<int>(_lock, 0);
        _freeDeferred = new Guarded<bool>(_lock, false);
        _memory = rt.NewLifetime($"{Name}.interval_sub");
        Sub = new MmuIntervalNotifier(rt, Name, _memory);
        Audit = new SubscriptionAudit(Name);
        Mmu = new SecondaryMmu(rt, Name, world.Pt.Count, zappedBeforePteChange: true);
        _ops = world.Audit.WrapInterval(new MmuIntervalNotifierOps { Name = world.Rt.Intern($"{Name}.ops"), Invalidate = Invalidate }, Audit, Mmu);
    }

    public MmuIntervalNotifier Sub { get; }

    public SubscriptionAudit Audit { get; }

    /// <summary>An insert has succeeded (the checker's view; remove is tracked by <see cref="Audit"/>).</summary>
    public bool IsInserted => _inserted;

    public override MmuIntervalNotifier IntervalSubscription => Sub;

    public override bool IsIntervalLive => _inserted && !Audit.Gone;

    public override int MmPins => IsIntervalLive ? 1 : 0;

    /// <summary>The mirror holds its struct until teardown frees it.</summary>
    public override IEnumerable<ILifetime?> OwnedAllocations => _memory.IsFreed ? [] : [_memory];

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Setup()
    {
        if (Spec.AtSetup) await Subscribe(new OpSpec(OpKind.Insert, Name));
    }

    /// <summary>The invalidate op: may only fail, with false, when told it must not sleep.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> Invalidate(MmuIntervalNotifier sub, MmuNotifierRange range, ulong curSeq)
    {
        var blockable = MmuNotifierH.MmuNotifierRangeBlockable(range);
        if (blockable)
        {
            await _lock.Lock();
        }
        else if (Defects.Has(DriverDefects.MirrorSleepsInNonblockable))
        {
            // Driver defect mirror-sleeps-in-nonblockable: the OOM reaper asked for a callback
            // that cannot sleep, and this one waits for the mutex anyway.
            await _lock.Lock();
        }
        else if (!await _lock.TryLock() || (W.Scenario.Faults.Trylock && await W.Rt.ChooseBool($"{Name}: mutex_trylock fails")))
        {
            if (_lock.IsHeldByCurrentThread) await _lock.Unlock();
            if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} invalidate {range}: mutex contended, returns false");
            return false;
        }

        if (Defects.Has(DriverDefects.MirrorSetSeqAfterUnlock))
        {
            // Driver defect mirror-set-seq-after-unlock: a fault that takes the mutex between
            // the unlock and the store still sees its old sequence and installs the old PTE.
            Zap(range);
            await _lock.Unlock();
            await SetSeq(sub, curSeq);
        }
        else
        {
            await SetSeq(sub, curSeq);
            Zap(range);
            await _lock.Unlock();
        }

        if (Spec.FailsBlockable && blockable)
        {
            // The scenario's broken driver: it did its work but reports failure anyway.
            if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} invalidate {range}: returns false although blockable");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The fault's read of the CPU PTE, the way the kernel's fault path reaches it: under the
    /// page-table lock (pte_offset_map_lock, as handle_mm_fault and GUP's follow_page_pte take it).
    /// The PTL is what orders the read after a zap that finished before it: the zap changed the PTE
    /// under the same lock, so under lkmm the read cannot return the PTE from before the zap once
    /// read_begin has waited the invalidation out (docs/defects.md, the lkmm note). Virtual so a
    /// test can put back the lockless READ_ONCE the model once had.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected virtual async ValueTask<ulong> ReadPte(int page)
    {
        await W.Pt.Ptl.Lock();
        var pte = await W.Pt.Ptes[page].Read();
        await W.Pt.Ptl.Unlock();
        return pte;
    }

    /// <summary>mmu_interval_set_seq (which stores nothing in the port's v1 variant, where the core stores the sequence).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SetSeq(MmuIntervalNotifier sub, ulong curSeq)
    {
        await StoreSeq(sub, curSeq);
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} invalidate: mmu_interval_set_seq {curSeq}");
    }

    /// <summary>The store of mmu_interval_set_seq itself.</summary>
    protected virtual ValueTask StoreSeq(MmuIntervalNotifier sub, ulong curSeq) => MmuNotifierH.MmuIntervalSetSeq(sub, curSeq);

    /// <summary>The invalidate's zap of the device page table, under the mutex.</summary>
    protected virtual void Zap(MmuNotifierRange range)
    {
        var (first, last) = Pages.Span(range.Start, range.End, Mmu!.Count);
        Mmu.Zap(Math.Max(first, Spec.FirstPage), Math.Min(last, Spec.FirstPage + Spec.PageCount - 1));
    }

    /// <summary>dmirror_range_fault in miniature, for one page.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Fault(int page)
    {
        var mm = W.Mm;
        // Driver defect mirror-fault-no-reference: the fault trusts that the mirror was inserted
        // once and takes no reference on it, so a fault after (or racing) teardown calls into the
        // subscription teardown freed.
        var counted = W.MayChangeSubscription(Name) && !Defects.Has(DriverDefects.MirrorFaultNoReference);
        if (counted)
        {
            // Another thread may remove this mirror and with it the mirror's pin on the mm: take
            // the mm reference under the mutex, while the mirror is known to be live.
            await _lock.Lock();
            var ok = _live.Value && await W.Kernel.Sched.MmgetNotZero(mm);
            if (ok) _faulting.Value++;
            await _lock.Unlock();
            if (!ok) return;
        }
        else if (!_inserted || !await W.Kernel.Sched.MmgetNotZero(mm))
        {
            // Not inserted means setup's insert failed (fault injection): nothing to mirror.
            return;
        }

        // Liveness: a fault that has entered read_begin must come out with its page mapped, found
        // nothing to map, or given up after MaxRetries collisions; a retry loop that can go round
        // for ever under a fair schedule leaves the monitor hot (docs/engine.md, liveness).
        var progress = W.Rt.NewLivenessMonitor(ReadBeginProgress, BugComponent.Driver);
        progress.Hot($"{Name} fault of page {page} entered mmu_interval_read_begin and has not finished");
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var seq = await W.Kernel.Notifier.MmuIntervalReadBegin(Sub);
            await MmapLockOps.MmapReadLock(mm);
            var pte = await ReadPte(page);
            await MmapLockOps.MmapReadUnlock(mm);

            if (Defects.Has(DriverDefects.MirrorMapsBeforeLock))
            {
                // Driver defect mirror-maps-before-lock: the device table is written with no
                // lock ordering it against the invalidate callback's zap, and the check comes after.
                if (pte != Pages.PteNone) Mmu!.Install(page, pte);
                await _lock.Lock();
                if (await MmuNotifierH.MmuIntervalReadRetry(Sub, seq))
                {
                    Mmu!.Zap(page, page);
                    await _lock.Unlock();
                    continue;
                }

                await _lock.Unlock();
                break;
            }

            await _lock.Lock();
            bool retry;
            if (Defects.Has(DriverDefects.MirrorSkipsReadRetry))
            {
                // Driver defect mirror-skips-read-retry: the PTE read above is trusted although
                // an invalidation may have come and gone since read_begin.
                retry = false;
            }
            else
            {
                retry = await MmuNotifierH.MmuIntervalReadRetry(Sub, seq);
            }

            if (retry)
            {
                if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} fault page {page}: mmu_interval_read_retry({seq}) says retry");
                await _lock.Unlock();
                continue;
            }

            if (_live.Value && pte != Pages.PteNone) Mmu!.Install(page, pte);
            await _lock.Unlock();
            break;
        }

        progress.Cold();
        await W.Kernel.Sched.Mmput(mm);
        if (counted) await FaultDone();
    }

    /// <summary>A fault that counted itself in leaves; the last one frees a struct teardown has given up.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FaultDone()
    {
        await _lock.Lock();
        var free = --_faulting.Value == 0 && _freeDeferred.Value;
        await _lock.Unlock();
        if (free) await W.Kernel.Slab.Kfree(_memory);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> Subscribe(OpSpec op)
    {
        var start = op.Start ?? Pages.Address(Spec.FirstPage);
        var length = op.Length ?? (ulong)Spec.PageCount * Pages.PAGE_SIZE;
        // What the callback-range invariant holds the port's callbacks to.
        Audit.Requested = (start, length);
        var ret = await Insert(start, length);
        if (ret == 0)
        {
            _inserted = true;
            await _lock.Lock();
            _live.Value = true;
            await _lock.Unlock();
        }

        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name}: mmu_interval_notifier_insert [{start:x}, +{length:x}) = {Errno.Name(ret)}");
        return ret;
    }

    /// <summary>Teardown: stop faults and drop the device mappings first, then leave the tree.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Unsubscribe(OpSpec op)
    {
        await _lock.Lock();
        var live = _live.Value;
        _live.Value = false;
        Mmu!.ZapAll();
        await _lock.Unlock();
        if (!live)
        {
            // A second remove of the same subscription (fuzz --misuse): the driver calls in again
            // with the struct it freed after the first one.
            if (_removed) await W.Kernel.Notifier.MmuIntervalNotifierRemove(Sub);
            return;
        }

        await Remove();
        _removed = true;
        await _lock.Lock();
        var freeNow = _faulting.Value == 0;
        _freeDeferred.Value = !freeNow;
        await _lock.Unlock();
        if (freeNow) await W.Kernel.Slab.Kfree(_memory);
    }

    /// <summary>The ops the mirror subscribes with (wrapped by the audit).</summary>
    protected MmuIntervalNotifierOps Ops => _ops;

    /// <summary>mmu_interval_notifier_insert of the mirror's range.</summary>
    protected virtual ValueTask<int> Insert(ulong start, ulong length) =>
        W.Kernel.Notifier.MmuIntervalNotifierInsert(Sub, W.Mm, start, length, _ops);

    /// <summary>mmu_interval_notifier_remove, once faults are stopped and the device table is empty.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected virtual async ValueTask Remove()
    {
        await W.Kernel.Notifier.MmuIntervalNotifierRemove(Sub);
        W.Audit.Removed(Audit);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Cleanup()
    {
        if (_inserted && !Audit.Gone) await Unsubscribe(new OpSpec(OpKind.Remove, Name));
        // Never inserted (or the insert failed): the struct is freed as it is.
        if (!_removed && !_memory.IsFreed) await W.Kernel.Slab.Kfree(_memory);
    }
}

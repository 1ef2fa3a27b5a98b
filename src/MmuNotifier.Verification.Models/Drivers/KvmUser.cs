// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
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
/// A KVM-style hlist user (virt/kvm/kvm_main.c in miniature): mmu_lock, an in-progress count
/// and a sequence. Start raises the count and zaps; end bumps the sequence, then lowers the
/// count. A fault snapshots the sequence, reads the PTE, and installs under mmu_lock only if no
/// invalidation is in progress and the sequence is unchanged.
/// </summary>
public class KvmUser : HlistUser
{
    private const int MaxRetries = 4;

    private readonly ISpinLock _mmuLock;
    private readonly InvalidateInProgress _inProgress;
    private readonly ICell<ulong> _seq;
    private readonly Guarded<bool> _live;
    private readonly MmuNotifierOps _ops;

    public KvmUser(ModelWorld world, SubscriptionSpec spec) : base(world, spec)
    {
        var rt = world.Rt;
        _mmuLock = rt.NewSpinLock($"{Name}.mmu_lock");
        _inProgress = new InvalidateInProgress(rt, _mmuLock, Name, readUnlocked: Defects.Has(DriverDefects.KvmChecksRetryBeforeLock));
        // Read without mmu_lock by the fault's snapshot, so a cell.
        _seq = rt.NewCell<ulong>($"{Name}.mmu_invalidate_seq", 0);
        _live = new Guarded<bool>(_mmuLock, false);
        Mmu = new SecondaryMmu(rt, Name, world.Pt.Count, zappedBeforePteChange: true);
        Func<MmuNotifierSubscription, MmStruct, ulong, ulong, ValueTask>? tlbFlush;
        if (Defects.Has(DriverDefects.RegisterBothTlbAndStartEnd))
        {
            // Driver defect register-both-tlb-and-start-end: a TLB op on top of start/end, which
            // mmu_notifier_register refuses because the two ways of invalidating exclude each other.
            tlbFlush = ArchInvalidateSecondaryTlbs;
        }
        else
        {
            tlbFlush = null;
        }

        _ops = world.Audit.WrapHlist(new MmuNotifierOps
        {
            Name = world.Rt.Intern($"{Name}.ops"),
            Release = Release,
            InvalidateRangeStart = InvalidateRangeStart,
            InvalidateRangeEnd = InvalidateRangeEnd,
            ClearFlushYoung = (_, _, start, end) => Young(start, end),
            ClearYoung = (_, _, start, end) => Young(start, end),
            TestYoung = (_, _, address) => Young(address, address + Pages.PAGE_SIZE),
            ChangePte = ChangePte,
            ArchInvalidateSecondaryTlbs = tlbFlush,
        }, _ => Audit, Mmu);
        Sub = new MmuNotifierSubscription(rt, Name, _ops, Memory);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected async ValueTask<int> InvalidateRangeStart(MmuNotifierSubscription sub, MmuNotifierRange range)
    {
        await _mmuLock.Lock();
        await _inProgress.Add(1);
        await StartUnderMmuLock();
        var (first, last) = Pages.Span(range.Start, range.End, Mmu!.Count);
        Mmu.Zap(first, last);
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} invalidate_range_start {range}: in_progress {_inProgress.Peek()}");
        await _mmuLock.Unlock();
        return 0;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected async ValueTask InvalidateRangeEnd(MmuNotifierSubscription sub, MmuNotifierRange range)
    {
        await _mmuLock.Lock();
        // The sequence moves before the count drops, so a fault that saw the old count sees the new sequence.
        await EndUnderMmuLock();
        await _inProgress.Add(-1);
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} invalidate_range_end {range}: in_progress {_inProgress.Peek()}, seq {_seq.Peek()}");
        await _mmuLock.Unlock();
    }

    /// <summary>invalidate_range_start's work under mmu_lock once the count is raised, before the zap: none.</summary>
    protected virtual ValueTask StartUnderMmuLock() => ValueTask.CompletedTask;

    /// <summary>invalidate_range_end's work under mmu_lock before the count drops: the sequence bump.</summary>
    protected virtual ValueTask EndUnderMmuLock() => BumpSeq();

    /// <summary>mmu_invalidate_seq++, under mmu_lock.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected async ValueTask BumpSeq() => await _seq.Write(await _seq.Read() + 1);

    /// <summary>Only registered with <see cref="DriverDefects.RegisterBothTlbAndStartEnd"/>: drops the range from the shadow table.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ArchInvalidateSecondaryTlbs(MmuNotifierSubscription sub, MmStruct mm, ulong start, ulong end)
    {
        await _mmuLock.Lock();
        var (first, last) = Pages.Span(start, end, Mmu!.Count);
        Mmu.Zap(first, last);
        await _mmuLock.Unlock();
    }

    /// <summary>kvm_mmu_notifier_release: tear everything down; no fault may map again.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask Release(MmuNotifierSubscription sub, MmStruct mm)
    {
        await _mmuLock.Lock();
        _live.Value = false;
        Mmu!.ZapAll();
        await _mmuLock.Unlock();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> Young(ulong start, ulong end)
    {
        await _mmuLock.Lock();
        var (first, last) = Pages.Span(start, end, Mmu!.Count);
        var young = 0;
        for (var p = first; p <= last; p++)
            if (Mmu[p] != Pages.PteNone) young = 1;
        await _mmuLock.Unlock();
        return young;
    }

    /// <summary>
    /// change_pte arrives inside the start/end of the PTE's own invalidation, whose start already
    /// zapped the page, so (like KVM) there is nothing to update while one is in progress.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ChangePte(MmuNotifierSubscription sub, MmStruct mm, ulong address, ulong pte)
    {
        await _mmuLock.Lock();
        var (page, _) = Pages.Span(address, address + Pages.PAGE_SIZE, Mmu!.Count);
        if (await _inProgress.Read() == 0 && Mmu[page] != Pages.PteNone) Mmu.Install(page, pte);
        await _mmuLock.Unlock();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Fault(int page)
    {
        var mm = W.Mm;
        if (!await W.Kernel.Sched.MmgetNotZero(mm)) return;
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var seq = await _seq.ReadOnce();
            W.Rt.SmpRmb();  // KVM reads mmu_invalidate_seq, then smp_rmb(), then resolves the pfn
            await MmapLockOps.MmapReadLock(mm);
            var pte = await W.Pt.Ptes[page].ReadOnce();
            await MmapLockOps.MmapReadUnlock(mm);

            if (Defects.Has(DriverDefects.KvmChecksRetryBeforeLock))
            {
                // Driver defect kvm-checks-retry-before-lock: the test is right but comes too
                // early; an invalidation can start and finish before mmu_lock is taken. (Count
                // and sequence are read without mmu_lock, as the broken driver would: two marked
                // reads, each a scheduling point the search orders against the invalidation.)
                if (await _inProgress.ReadUnlocked() > 0 || await _seq.ReadOnce() != seq)
                {
                    if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} fault page {page}: invalidation collided, retry");
                    await W.Rt.Yield();
                    continue;
                }

                await _mmuLock.Lock();
            }
            else
            {
                await _mmuLock.Lock();
                if (await _inProgress.Read() > 0 || await _seq.Read() != seq)
                {
                    if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} fault page {page}: invalidation collided, retry");
                    await _mmuLock.Unlock();
                    await W.Rt.Yield();
                    continue;
                }
            }

            if (_live.Value && pte != Pages.PteNone) Mmu!.Install(page, pte);
            await _mmuLock.Unlock();
            break;
        }

        await W.Kernel.Sched.Mmput(mm);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask AfterRegister()
    {
        await _mmuLock.Lock();
        _live.Value = true;
        await _mmuLock.Unlock();
    }
}

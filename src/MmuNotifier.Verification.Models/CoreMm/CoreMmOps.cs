// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.World;
using static MmuNotifier.Verification.Kernel.Notifier.MmuNotifierEvent;

namespace MmuNotifier.Verification.Models.CoreMm;

/// <summary>
/// What core-MM threads do to the page tables of one mm, each shaped like its kernel path:
/// take the lock that path takes (mmap_lock or the rmap locks), bracket the PTE changes with
/// invalidate_range_start/end of the right event, change PTEs under the PTL and flush secondary
/// TLBs before dropping it. Every bracket is reported to the invariants through
/// <see cref="ModelWorld.Events"/>. The start and end steps are virtual so that a test can build
/// a core MM that forgets one.
/// </summary>
public class CoreMmOps(ModelWorld world)
{
    private IRuntime Rt => world.Rt;

    private MmStruct Mm => world.Mm;

    private PageTable Pt => world.Pt;

    protected MmuNotifierH H => world.Kernel.Header;

    protected ModelEvents Events => world.Events;

    private ulong _nextPfn = 0x100;

    /// <summary>munmap: mmap_lock for write, MMU_NOTIFY_UNMAP, PTEs cleared.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Unmap(int page, int count)
    {
        await MmapLockOps.MmapWriteLock(Mm);
        await Invalidate(MMU_NOTIFY_UNMAP, page, count, _ => Pages.PteNone);
        await MmapLockOps.MmapWriteUnlock(Mm);
    }

    /// <summary>madvise(MADV_DONTNEED): mmap_lock for read (so zaps run in parallel), MMU_NOTIFY_CLEAR.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Zap(int page, int count)
    {
        await MmapLockOps.MmapReadLock(Mm);
        await Invalidate(MMU_NOTIFY_CLEAR, page, count, _ => Pages.PteNone);
        await MmapLockOps.MmapReadUnlock(Mm);
    }

    /// <summary>Page migration: an rmap walk (no mmap_lock), MMU_NOTIFY_MIGRATE, each PTE moves to a new pfn.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Migrate(int page, int count)
    {
        await Mm.RmapLocks.DownRead();
        await Invalidate(MMU_NOTIFY_MIGRATE, page, count,
            old => old == Pages.PteNone ? old : Pages.MakePte(_nextPfn++, Pages.Writable(old)));
        await Mm.RmapLocks.UpRead();
    }

    /// <summary>mprotect(PROT_READ): mmap_lock for write, MMU_NOTIFY_PROTECTION_VMA, write bit cleared.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Protect(int page, int count)
    {
        await MmapLockOps.MmapWriteLock(Mm);
        await Invalidate(MMU_NOTIFY_PROTECTION_VMA, page, count,
            old => old == Pages.PteNone ? old : Pages.MakePte(Pages.Pfn(old), writable: false));
        await MmapLockOps.MmapWriteUnlock(Mm);
    }

    /// <summary>
    /// __oom_reap_task_mm: the reaper must not sleep on a driver, so it uses the non-blocking
    /// start and, on -EAGAIN, leaves the range alone and calls no end.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask OomReap(int page, int count)
    {
        await MmapLockOps.MmapReadLock(Mm);
        var range = RangeFor(MMU_NOTIFY_UNMAP, page, count);
        int ret;
        // The reaper's own rule, independent of the flags the notifier hands the callbacks: it
        // runs because memory is short, and a callback that waits (for a driver lock whose holder
        // may be allocating) can stall it for good. So nothing under the non-blocking start and
        // its end may sleep, whether or not the range reaching the callbacks says non-blockable.
        using (Rt.EnterNoSleep("OOM reaper: invalidate_range_start_nonblock"))
            ret = await StartNonblock(range);
        if (ret != 0)
        {
            if (Rt.IsTracing) Rt.Annotate($"oom reaper: invalidate_range_start_nonblock {range} = {Errno.Name(ret)}, range skipped");
            Events.RangeEnded();
            Events.RangeEnding(range, started: false);
        }
        else
        {
            await ChangePtes(range, page, count, _ => Pages.PteNone);
            using (Rt.EnterNoSleep("OOM reaper: invalidate_range_end"))
                await End(range);
        }

        await MmapLockOps.MmapReadUnlock(Mm);
    }

    /// <summary>
    /// Page aging as page_referenced/page_idle do it: under the PTL, ask the secondary MMUs
    /// whether the page was accessed (clear_flush_young, clear_young, test_young). No PTE changes.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask Age(int page, int count)
    {
        await Mm.RmapLocks.DownRead();
        for (var p = page; p < page + count; p++)
        {
            var address = Pages.Address(p);
            await Pt.Ptl.Lock();
            var young = await H.MmuNotifierClearFlushYoung(Mm, address, address + Pages.PAGE_SIZE);
            young |= await H.MmuNotifierClearYoung(Mm, address, address + Pages.PAGE_SIZE);
            young |= await H.MmuNotifierTestYoung(Mm, address);
            await Pt.Ptl.Unlock();
            if (Rt.IsTracing) Rt.Annotate($"age page {p}: young {young}");
        }

        await Mm.RmapLocks.UpRead();
    }

    /// <summary>
    /// KSM merging one page (replace_page): MMU_NOTIFY_CLEAR around clearing the PTE, flushing,
    /// and installing the shared KSM page read-only with set_pte_at_notify (change_pte).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask KsmMerge(int page)
    {
        await MmapLockOps.MmapReadLock(Mm);
        var range = RangeFor(MMU_NOTIFY_CLEAR, page, 1);
        await Start(range);
        var kpage = Pages.MakePte(_nextPfn++, writable: false);
        var address = Pages.Address(page);
        await Pt.Ptl.Lock();
        var old = await Pt.Ptes[page].Read();
        if (old != Pages.PteNone)
        {
            await H.MmuNotifierChangePte(Mm, address, kpage);
            await SetPte(page, old, kpage);
            await H.MmuNotifierArchInvalidateSecondaryTlbs(Mm, address, address + Pages.PAGE_SIZE);
        }

        await Pt.Ptl.Unlock();
        await End(range);
        await MmapLockOps.MmapReadUnlock(Mm);
    }

    /// <summary>
    /// exit_mmap, run by the last mmput: the notifiers are released first, then the whole address
    /// space is unmapped (unmap_vmas brackets that with start/end too, for interval users).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask ExitMmap(MmStruct mm)
    {
        if (Rt.IsTracing) Rt.Annotate("exit_mmap: mmu_notifier_release");
        // Releasing the interval subscriptions is an invalidation of its own.
        Events.RangeStarting();
        Events.ExitReleaseStarting();
        await H.MmuNotifierRelease(mm);
        Events.ExitReleaseReturned();
        Events.RangeEnded();
        world.OnExitRelease();

        await MmapLockOps.MmapReadLock(mm);
        var range = RangeFor(MMU_NOTIFY_UNMAP, 0, Pt.Count);
        await Start(range);
        await ChangePtes(range, 0, Pt.Count, _ => Pages.PteNone);
        Events.ExitMmapFinished();
        await End(range);
        await MmapLockOps.MmapReadUnlock(mm);
    }

    private MmuNotifierRange RangeFor(MmuNotifierEvent @event, int page, int count) =>
        MmuNotifierH.MmuNotifierRangeInit(@event, 0, Mm, Pages.Address(page), Pages.Address(page + count));

    /// <summary>The common shape: start, change PTEs under the PTL with the TLB flush, end.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask Invalidate(MmuNotifierEvent @event, int page, int count, Func<ulong, ulong> change)
    {
        var range = RangeFor(@event, page, count);
        await Start(range);
        await ChangePtes(range, page, count, change);
        await End(range);
    }

    /// <summary>mmu_notifier_invalidate_range_start, bracketed by its events.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected virtual async ValueTask Start(MmuNotifierRange range)
    {
        Events.RangeStarting();
        await H.MmuNotifierInvalidateRangeStart(range);
        Events.RangeStartReturned(range);
    }

    /// <summary>The OOM reaper's mmu_notifier_invalidate_range_start_nonblock; 0 or -EAGAIN.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected virtual async ValueTask<int> StartNonblock(MmuNotifierRange range)
    {
        Events.RangeStarting();
        var ret = await H.MmuNotifierInvalidateRangeStartNonblock(range);
        if (ret == 0) Events.RangeStartReturned(range);
        return ret;
    }

    /// <summary>mmu_notifier_invalidate_range_end, bracketed by its events.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected virtual async ValueTask End(MmuNotifierRange range)
    {
        Events.RangeEnding(range, started: true);
        await H.MmuNotifierInvalidateRangeEnd(range);
        Events.RangeEnded();
    }

    /// <summary>PTE updates under the PTL; the secondary TLBs are flushed before the lock is dropped.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ChangePtes(MmuNotifierRange range, int page, int count, Func<ulong, ulong> change)
    {
        await Pt.Ptl.Lock();
        var changed = false;
        for (var p = page; p < page + count; p++)
        {
            var old = await Pt.Ptes[p].Read();
            var @new = change(old);
            if (@new == old) continue;
            await SetPte(p, old, @new);
            changed = true;
        }

        if (changed) await H.MmuNotifierArchInvalidateSecondaryTlbs(Mm, range.Start, range.End);
        await Pt.Ptl.Unlock();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SetPte(int page, ulong old, ulong @new)
    {
        Events.PteChanging(page, old, @new);
        if (Rt.IsTracing) Rt.Annotate($"pte[{page}] {Pages.Render(old)} -> {Pages.Render(@new)}");
        await Pt.Ptes[page].Write(@new);
    }
}

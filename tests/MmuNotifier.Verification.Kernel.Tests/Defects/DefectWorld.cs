// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Kernel.Tests.Defects;

/// <summary>
/// One mm with a few PTEs, the core-MM actions the defect programs need (unmap inside a
/// start/end pair, the OOM reaper's non-blocking start, a mirror fault, insert, remove) and the
/// monitors that judge the port's state after every step. Built anew in every run.
/// </summary>
internal sealed class DefectWorld
{
    public const ulong Page = 0x1000;

    private readonly List<MirrorDriver> _mirrors = [];
    private ulong _frozenSeq;
    private int _frozenCount;

    public DefectWorld(IRuntime rt, KernelConfig config, int pages = 4)
    {
        Rt = rt;
        K = new KernelInstance(rt, config);
        Mm = K.MmAlloc("mm");
        Ptes = Enumerable.Range(0, pages).Select(p => rt.NewCell($"pte[{p}]", 1)).ToArray();
        rt.AddMonitor(FindingNames.OddSeq, CheckOddSeq);
        rt.AddMonitor(FindingNames.ActiveRanges, CheckActiveRanges);
        rt.AddMonitor(FindingNames.TreeStability, CheckTreeFrozen);
        rt.AddMonitor(FindingNames.NoMissedInvalidation, CheckMirrorsFollowPtes);
    }

    public IRuntime Rt { get; }

    public KernelInstance K { get; }

    public MmStruct Mm { get; }

    public ICell<int>[] Ptes { get; }

    /// <summary>Invalidations between their start and the return of their end (or of a failed start).</summary>
    public int InFlight { get; private set; }

    public MirrorDriver Mirror(string name, int firstPage, int pages, MirrorBehaviour behaviour = MirrorBehaviour.Correct)
    {
        var mirror = new MirrorDriver(Rt, name, firstPage, pages, behaviour);
        _mirrors.Add(mirror);
        return mirror;
    }

    public async Task Insert(MirrorDriver mirror)
    {
        Assert.Equal(0, await K.Notifier.MmuIntervalNotifierInsert(mirror.Sub, Mm, mirror.Start, mirror.Length, mirror.Ops));
        mirror.Inserted = true;
    }

    public async Task Remove(MirrorDriver mirror)
    {
        // Once removed nothing keeps the mapping in step with the PTE, so the driver drops it first.
        await mirror.Lock.Lock();
        await mirror.Valid.Write(false);
        await mirror.Lock.Unlock();
        mirror.Inserted = false;
        await K.Notifier.MmuIntervalNotifierRemove(mirror.Sub);
        if (mirror.Running > 0)
            Rt.ReportViolation(FindingNames.RemoveQuiescence, $"remove of {mirror.Name} returned while its invalidate runs");
        mirror.Removed = true;
    }

    /// <summary>The core MM changes pages [first, first + count) inside a blocking start/end pair.</summary>
    public async Task Unmap(int first, int count)
    {
        // The rmap locks stand for what the core MM holds here and mm_take_all_locks excludes.
        await Mm.RmapLocks.DownRead();
        InFlight++;
        var range = Range(first, count);
        await K.Header.MmuNotifierInvalidateRangeStart(range);
        await ChangePtes(first, count);
        await K.Header.MmuNotifierInvalidateRangeEnd(range);
        InFlight--;
        await Mm.RmapLocks.UpRead();
    }

    /// <summary>The OOM reaper: a non-blocking start that may fail, after which it leaves the range alone.</summary>
    public async Task<int> ReapNonblock(int first, int count)
    {
        await Mm.RmapLocks.DownRead();
        InFlight++;
        var range = Range(first, count);
        var ret = await K.Header.MmuNotifierInvalidateRangeStartNonblock(range);
        if (ret == 0)
        {
            await ChangePtes(first, count);
            await K.Header.MmuNotifierInvalidateRangeEnd(range);
        }

        InFlight--;
        await Mm.RmapLocks.UpRead();
        return ret;
    }

    /// <summary>The last mmput of the owning task: exit_mmap, whose release is an invalidation too.</summary>
    public async Task Exit()
    {
        InFlight++;
        await K.Sched.Mmput(Mm);
        InFlight--;
    }

    /// <summary>An HMM-style fault: read_begin, read the PTE, and map it under the driver lock unless a retry is due.</summary>
    public async Task Fault(MirrorDriver mirror, int attempts = 3)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var seq = await K.Notifier.MmuIntervalReadBegin(mirror.Sub);
            var value = await Ptes[mirror.FirstPage].ReadOnce();
            await mirror.Lock.Lock();
            if (await MmuNotifierH.MmuIntervalReadRetry(mirror.Sub, seq))
            {
                await mirror.Lock.Unlock();
                continue;
            }

            // Value before valid, so the mapping is never seen valid with a stale value in between.
            await mirror.Value.Write(value);
            await mirror.Valid.Write(true);
            await mirror.Lock.Unlock();
            return;
        }
    }

    private MmuNotifierRange Range(int first, int count) =>
        MmuNotifierH.MmuNotifierRangeInit(MmuNotifierEvent.MMU_NOTIFY_UNMAP, 0, Mm,
            (ulong)first * Page, (ulong)(first + count) * Page);

    private async Task ChangePtes(int first, int count)
    {
        for (var p = first; p < first + count; p++)
            await Ptes[p].WriteOnce(await Ptes[p].ReadOnce() + 1);
    }

    /// <summary>The subscriptions structure when its lock is free (its fields change in several steps under it).</summary>
    private MmuNotifierSubscriptions? Idle()
    {
        if (Mm.Lifetime.IsFreed) return null;
        var subscriptions = Mm.NotifierSubscriptions.Peek();
        if (subscriptions is null || subscriptions.Lifetime.IsFreed || subscriptions.Lock.IsLocked) return null;
        return subscriptions;
    }

    private string? CheckOddSeq()
    {
        foreach (var mirror in _mirrors)
        {
            if (mirror.Inserted && (mirror.Sub.InvalidateSeq.Peek() & 1) == 0)
                return $"{mirror.Name}.invalidate_seq is {mirror.Sub.InvalidateSeq.Peek()}, even, although it is inserted";
        }

        if (Idle() is not { } subscriptions) return null;
        var seq = subscriptions.InvalidateSeq.Peek();
        if ((seq & 1) != 0 && subscriptions.ActiveInvalidateRanges.Peek() == 0)
            return $"subscriptions.invalidate_seq is {seq}, odd, with no active invalidation";
        return null;
    }

    private string? CheckActiveRanges()
    {
        if (Idle() is not { } subscriptions) return null;
        var active = subscriptions.ActiveInvalidateRanges.Peek();
        if (active > (ulong)InFlight)
            return $"active_invalidate_ranges is {active} but only {InFlight} invalidations are between start and end";
        if (active == 0 && !subscriptions.DeferredList.PeekIsEmpty)
            return "the deferred list is not empty although no invalidation is active";
        return null;
    }

    // The tree's own check catches a change under a live walk; this one catches a change made
    // while the sequence stays odd, walk or no walk.
    private string? CheckTreeFrozen()
    {
        if (Idle() is not { } subscriptions) return null;
        var seq = subscriptions.InvalidateSeq.Peek();
        if ((seq & 1) == 0)
        {
            _frozenSeq = 0;
            return null;
        }

        var count = subscriptions.Itree.Count;
        if (seq == _frozenSeq && count != _frozenCount)
            return $"the interval tree went from {_frozenCount} to {count} nodes while invalidate_seq stayed odd at {seq}";
        _frozenSeq = seq;
        _frozenCount = count;
        return null;
    }

    private string? CheckMirrorsFollowPtes()
    {
        foreach (var mirror in _mirrors)
        {
            var pte = Ptes[mirror.FirstPage].Peek();
            if (mirror.Valid.Peek() && mirror.Value.Peek() != pte)
                return $"{mirror.Name} maps pte version {mirror.Value.Peek()} but the pte is at version {pte}";
        }

        return null;
    }
}

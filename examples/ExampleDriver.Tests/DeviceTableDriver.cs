// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace ExampleDriver;

/// <summary>
/// A device driver that mirrors part of a process's address space in its own device table,
/// kept coherent with the CPU page tables through an interval notifier: the shape of every
/// driver the interval API was written for. Its device lock orders table updates against the
/// invalidate callback; a fault follows read_begin, read the PTE, lock, read_retry, install.
/// Written only against the public API of the port (Kernel) and the models (Models).
/// </summary>
public class DeviceTableDriver : UserModel
{
    /// <summary>The name scenario files use for this model.</summary>
    public const string ModelName = "device-table";

    /// <summary>What the checker needs to know: its name, that it uses the interval API and faults.</summary>
    public static readonly UserModelInfo Info =
        new(ModelName, UserApi.Interval, (world, spec) => new DeviceTableDriver(world, spec)) { Faults = true };

    private const int MaxRetries = 4;

    private readonly IMutex _deviceLock;
    private readonly Guarded<bool> _live;
    private readonly MmuIntervalNotifier _sub;
    private readonly MmuIntervalNotifierOps _ops;
    private readonly SubscriptionAudit _audit;
    private bool _inserted;

    public DeviceTableDriver(ModelWorld world, SubscriptionSpec spec) : base(world, spec)
    {
        var rt = world.Rt;
        _deviceLock = rt.NewMutex($"{Name}.device_lock");
        _live = new Guarded<bool>(_deviceLock, false);
        _sub = new MmuIntervalNotifier(rt, Name);
        _audit = new SubscriptionAudit(Name);
        // The device table: what the checker compares with the CPU page table.
        Mmu = new SecondaryMmu(rt, Name, world.Pt.Count, zappedBeforePteChange: true);
        // Wrapped so that the invariants see every call the notifier makes into the driver.
        _ops = world.Audit.WrapInterval(new MmuIntervalNotifierOps { Name = $"{Name}.ops", Invalidate = Invalidate }, _audit, Mmu);
    }

    // What the invariants ask every interval user.
    public override MmuIntervalNotifier IntervalSubscription => _sub;

    public override bool IsIntervalLive => _inserted && !_audit.Gone;

    /// <summary>mmu_interval_notifier_insert takes an mm_count reference until the remove.</summary>
    public override int MmPins => IsIntervalLive ? 1 : 0;

    public override async ValueTask Setup()
    {
        if (Spec.AtSetup) await Subscribe(new OpSpec(OpKind.Insert, Name));
    }

    /// <summary>The invalidate callback: record the sequence and empty the range under the device lock.</summary>
    private async ValueTask<bool> Invalidate(MmuIntervalNotifier sub, MmuNotifierRange range, ulong curSeq)
    {
        if (MmuNotifierH.MmuNotifierRangeBlockable(range)) await _deviceLock.Lock();
        else if (!await _deviceLock.TryLock()) return false; // the OOM reaper may not wait for us

        await MmuNotifierH.MmuIntervalSetSeq(sub, curSeq);
        var (first, last) = MyPages(range);
        Mmu!.Zap(first, last);
        await _deviceLock.Unlock();
        return true;
    }

    /// <summary>A device access to <paramref name="page"/>: map it unless an invalidation collided.</summary>
    public override async ValueTask Fault(int page)
    {
        var mm = W.Mm;
        // Take the mm reference while the subscription (which pins the mm) is known to be live.
        await _deviceLock.Lock();
        var ok = _live.Value && await W.Kernel.Sched.MmgetNotZero(mm);
        await _deviceLock.Unlock();
        if (!ok) return;

        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var seq = await W.Kernel.Notifier.MmuIntervalReadBegin(_sub);
            await MmapLockOps.MmapReadLock(mm);
            var pte = await W.Pt.Ptes[page].ReadOnce();
            await MmapLockOps.MmapReadUnlock(mm);

            await _deviceLock.Lock();
            if (await MustRetry(seq))
            {
                await _deviceLock.Unlock();
                continue;
            }

            if (_live.Value && pte != Pages.PteNone) Mmu!.Install(page, pte);
            await _deviceLock.Unlock();
            break;
        }

        await W.Kernel.Sched.Mmput(mm);
    }

    /// <summary>mmu_interval_read_retry under the device lock: did an invalidation run since read_begin?</summary>
    protected virtual ValueTask<bool> MustRetry(ulong seq) => MmuNotifierH.MmuIntervalReadRetry(_sub, seq);

    public override async ValueTask<int> Subscribe(OpSpec op)
    {
        var start = op.Start ?? PageAddress(Spec.FirstPage);
        var length = op.Length ?? PageAddress(Spec.FirstPage + Spec.PageCount) - start;
        var ret = await W.Kernel.Notifier.MmuIntervalNotifierInsert(_sub, W.Mm, start, length, _ops);
        if (ret != 0) return ret;
        _inserted = true;
        await _deviceLock.Lock();
        _live.Value = true;
        await _deviceLock.Unlock();
        return 0;
    }

    /// <summary>Teardown: stop faults and empty the table first, then leave the tree.</summary>
    public override async ValueTask Unsubscribe(OpSpec op)
    {
        await _deviceLock.Lock();
        var live = _live.Value;
        _live.Value = false;
        Mmu!.ZapAll();
        await _deviceLock.Unlock();
        if (!live) return;
        await W.Kernel.Notifier.MmuIntervalNotifierRemove(_sub);
        W.Audit.Removed(_audit);
    }

    public override async ValueTask Cleanup()
    {
        if (IsIntervalLive) await Unsubscribe(new OpSpec(OpKind.Remove, Name));
    }

    private static ulong PageAddress(int page) => Pages.Address(page);

    /// <summary>The device-table slots of <paramref name="range"/>, clipped to this driver's pages.</summary>
    private (int First, int Last) MyPages(MmuNotifierRange range)
    {
        var (first, last) = Pages.Span(range.Start, range.End, Mmu!.Count);
        return (Math.Max(first, Spec.FirstPage), Math.Min(last, Spec.FirstPage + Spec.PageCount - 1));
    }
}

/// <summary>The same driver with one line wrong: it trusts the PTE it read without asking read_retry.</summary>
public sealed class DeviceTableDriverSkippingRetry(ModelWorld world, SubscriptionSpec spec) : DeviceTableDriver(world, spec)
{
    protected override ValueTask<bool> MustRetry(ulong seq) => ValueTask.FromResult(false);
}

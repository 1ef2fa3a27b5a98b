// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.CoreMm;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// An IOMMU-style user whose TLB shares the CPU page tables (SVA): it has no start/end, only
/// arch_invalidate_secondary_tlbs, which the core MM calls under the page-table lock after
/// changing PTEs. Its TLB fills under the page-table lock too, so the lock orders the two.
/// </summary>
public class SecondaryTlbUser : HlistUser
{
    private readonly Guarded<bool> _live;

    public SecondaryTlbUser(ModelWorld world, SubscriptionSpec spec) : base(world, spec)
    {
        var rt = world.Rt;
        _live = new Guarded<bool>(world.Pt.Ptl, false);
        Mmu = new SecondaryMmu(rt, Name, world.Pt.Count, zappedBeforePteChange: false);
        var ops = world.Audit.WrapHlist(new MmuNotifierOps
        {
            Name = world.Rt.Intern($"{Name}.ops"),
            Release = Release,
            ArchInvalidateSecondaryTlbs = ArchInvalidateSecondaryTlbs,
        }, _ => Audit, Mmu);
        Sub = new MmuNotifierSubscription(rt, Name, ops, Memory);
    }

    /// <summary>Flushes the IOTLB entries of the range; called under the page-table lock, so it must not sleep.</summary>
    protected virtual ValueTask ArchInvalidateSecondaryTlbs(MmuNotifierSubscription sub, MmStruct mm, ulong start, ulong end)
    {
        var (first, last) = Pages.Span(start, end, Mmu!.Count);
        Mmu.Zap(first, last);
        if (W.Rt.IsTracing) W.Rt.Annotate($"{Name} arch_invalidate_secondary_tlbs [{start:x}, {end:x})");
        return ValueTask.CompletedTask;
    }

    /// <summary>exit_mmap's release: stop filling the IOTLB and drop it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected virtual async ValueTask Release(MmuNotifierSubscription sub, MmStruct mm)
    {
        await W.Pt.Ptl.Lock();
        _live.Value = false;
        Mmu!.ZapAll();
        await W.Pt.Ptl.Unlock();
    }

    /// <summary>A device access that walks the CPU page table and fills the IOTLB, under the PTL.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask Fault(int page)
    {
        var mm = W.Mm;
        if (!await W.Kernel.Sched.MmgetNotZero(mm)) return;
        await W.Pt.Ptl.Lock();
        var pte = await W.Pt.Ptes[page].Read();
        if (_live.Value && pte != Pages.PteNone) Mmu!.Install(page, pte);
        await W.Pt.Ptl.Unlock();
        await W.Kernel.Sched.Mmput(mm);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask AfterRegister()
    {
        await W.Pt.Ptl.Lock();
        _live.Value = true;
        await W.Pt.Ptl.Unlock();
    }
}

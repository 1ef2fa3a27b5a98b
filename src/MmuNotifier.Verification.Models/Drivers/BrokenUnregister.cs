// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Hlist.RculistOps;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// A deliberately broken mmu_notifier_unregister (tests only, through
/// <see cref="World.ModelTweaks.UnregisterIgnoresUnhashed"/>): it calls ->release without
/// first asking whether exit_mmap already unhashed the subscription.
/// </summary>
internal static class BrokenUnregister
{
    public static async ValueTask Run(KernelInstance kernel, MmuNotifierSubscription subscription, MmStruct mm)
    {
        var srcu = kernel.Notifier.Srcu;
        var id = await srcu.ReadLock();
        if (subscription.Ops!.Release is { } release) await release(subscription, mm);
        await srcu.ReadUnlock(id);

        var subscriptions = (await mm.NotifierSubscriptions.Read())!;
        await subscriptions.Lock.Lock();
        await HlistDelInitRcu(subscription.Hlist);
        await subscriptions.Lock.Unlock();

        await srcu.Synchronize();
        await kernel.Sched.Mmdrop(mm);
    }
}

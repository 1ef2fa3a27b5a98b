// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Hlist.RculistOps;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// A deliberately broken mmu_notifier_unregister, used with
/// <see cref="World.ModelTweaks.UnregisterIgnoresUnhashed"/> (tests only): it calls ->release
/// without first asking whether exit_mmap already unhashed the subscription. (Skipping the grace
/// period is the port defect unregister-no-synchronize, not a tweak.)
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

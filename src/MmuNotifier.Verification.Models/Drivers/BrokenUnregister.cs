// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;
using static MmuNotifier.Verification.Kernel.Hlist.RculistOps;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// A deliberately broken mmu_notifier_unregister (tests only): with
/// <see cref="World.ModelTweaks.UnregisterIgnoresUnhashed"/> it calls ->release without first
/// asking whether exit_mmap already unhashed the subscription; with
/// <see cref="World.ModelTweaks.UnregisterSkipsSynchronize"/> it returns without a grace period.
/// </summary>
internal static class BrokenUnregister
{
    public static async ValueTask Run(KernelInstance kernel, MmuNotifierSubscription subscription, MmStruct mm,
        bool ignoreUnhashed, bool skipSynchronize)
    {
        var srcu = kernel.Notifier.Srcu;
        if (ignoreUnhashed || !await HlistUnhashed(subscription.Hlist))
        {
            var id = await srcu.ReadLock();
            if (subscription.Ops!.Release is { } release) await release(subscription, mm);
            await srcu.ReadUnlock(id);

            var subscriptions = (await mm.NotifierSubscriptions.Read())!;
            await subscriptions.Lock.Lock();
            await HlistDelInitRcu(subscription.Hlist);
            await subscriptions.Lock.Unlock();
        }

        if (!skipSynchronize) await srcu.Synchronize();
        await kernel.Sched.Mmdrop(mm);
    }
}

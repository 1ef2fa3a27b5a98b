// SPDX-License-Identifier: GPL-2.0-only
using System.Runtime.CompilerServices;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// An HMM-style mirror that subscribes from a path already holding mmap_lock for write, as
/// callers of mmu_interval_notifier_insert_locked do: it takes the lock itself, inserts with the
/// _locked variant and drops the lock. Everything else is the mirror's.
/// </summary>
public sealed class LockedInsertMirror(ModelWorld world, SubscriptionSpec spec) : HmmMirror(world, spec)
{
    /// <summary>mmap_write_lock; mmu_interval_notifier_insert_locked; mmap_write_unlock.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected override async ValueTask<int> Insert(ulong start, ulong length)
    {
        await MmapLockOps.MmapWriteLock(W.Mm);
        var ret = await W.Kernel.Notifier.MmuIntervalNotifierInsertLocked(Sub, W.Mm, start, length, Ops);
        await MmapLockOps.MmapWriteUnlock(W.Mm);
        return ret;
    }
}

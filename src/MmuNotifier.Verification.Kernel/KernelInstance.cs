// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Kernel;

/// <summary>
/// One kernel for one schedule: the runtime, the configuration and every piece of global kernel
/// state the port needs (the notifier's static SRCU, its lockdep map, mm_all_locks_mutex).
/// Build a new one in every run of a test body; nothing here may outlive the run.
/// </summary>
public sealed class KernelInstance
{
    public KernelInstance(IRuntime rt, KernelConfig? config = null)
    {
        Rt = rt;
        Config = config ?? KernelConfig.Faithful;
        Variant = new PortVariant(Config.Defects);
        Slab = new Slab(rt, Config);
        MmapLocks = new MmapLockOps(rt, Config);
        Sched = new SchedMm(this);
        Notifier = new MmuNotifierC(this);
        Header = new MmuNotifierH(this);
        ExitMmap = mm => Header.MmuNotifierRelease(mm);
    }

    public IRuntime Rt { get; }

    public KernelConfig Config { get; }

    /// <summary>The port defects of <see cref="Config"/>, resolved once: the port tests these fields.</summary>
    public PortVariant Variant { get; }

    public Slab Slab { get; }

    public MmapLockOps MmapLocks { get; }

    public SchedMm Sched { get; }

    /// <summary>The port of mm/mmu_notifier.c.</summary>
    public MmuNotifierC Notifier { get; }

    /// <summary>The port of the inline helpers of include/linux/mmu_notifier.h.</summary>
    public MmuNotifierH Header { get; }

    /// <summary>
    /// exit_mmap, run by the last mmput. The default only does what exit_mmap does for the
    /// notifier (mmu_notifier_release before the page tables go); core-MM models replace it.
    /// </summary>
    public Func<MmStruct, ValueTask> ExitMmap { get; set; }

    /// <summary>mm_alloc + mm_init: one mm_users, one mm_count, no subscriptions.</summary>
    public MmStruct MmAlloc(string name) => new(Rt, name, Variant);
}

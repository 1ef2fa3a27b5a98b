// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.IntervalTree;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// struct mmu_notifier_subscriptions, one per mm, hung off mm->notifier_subscriptions.
/// <para>
/// The constructor stands for the kzalloc'd memory after the initialisation block of
/// __mmu_notifier_register (empty lists, lock and wait queue initialised, invalidate_seq = 2,
/// an empty tree), so that block costs no scheduling points on memory nobody else can see yet.
/// </para>
/// <para>
/// Which field is what follows the soundness rule: <see cref="InvalidateSeq"/> is read without the
/// lock (the read_begin wait condition), <see cref="HasItree"/> and the list head are read by
/// paths that never take the lock, so they are cells; <see cref="ActiveInvalidateRanges"/> and the
/// deferred list are only touched under <see cref="Lock"/> and assert it; the tree is plain data
/// that the lock and the odd sequence protect, and reports a change under a live iteration.
/// </para>
/// </summary>
public sealed class MmuNotifierSubscriptions
{
    /// <param name="initialSeq">2 in the kernel; only a catalogued defect passes anything else.</param>
    public MmuNotifierSubscriptions(IRuntime rt, string mmName, ILifetime lifetime, ulong initialSeq = 2)
    {
        Lifetime = lifetime;
        var prefix = rt.Intern($"{mmName}.subscriptions");
        List = new RcuHlistHead<MmuNotifierSubscription>(rt, $"{prefix}.list", lifetime);
        HasItree = rt.NewCell($"{prefix}.has_itree", false, lifetime);
        Lock = rt.NewSpinLock($"{prefix}.lock", lifetime);
        InvalidateSeq = rt.NewCell<ulong>($"{prefix}.invalidate_seq", initialSeq, lifetime);
        ActiveInvalidateRanges = new Guarded<ulong>(Lock, 0);
        Itree = IntervalTreeRoot<MmuIntervalNotifier>.ForRuntime(rt, rt.Intern($"{prefix}.itree"));
        Wq = rt.NewWaitQueue($"{prefix}.wq", lifetime);
        DeferredList = new HlistHead<MmuIntervalNotifier>(rt.Intern($"{prefix}.deferred_list"), Lock.AssertHeld, DataCorruption.ForRuntime(rt));
    }

    public ILifetime Lifetime { get; }

    /// <summary>The hlist subscribers, walked under SRCU.</summary>
    public RcuHlistHead<MmuNotifierSubscription> List { get; }

    public ICell<bool> HasItree { get; }

    public ISpinLock Lock { get; }

    /// <summary>Even when idle (starts at 2); odd while an invalidation covers some interval subscription.</summary>
    public ICell<ulong> InvalidateSeq { get; }

    public Guarded<ulong> ActiveInvalidateRanges { get; }

    public IntervalTreeRoot<MmuIntervalNotifier> Itree { get; }

    public IWaitQueue Wq { get; }

    /// <summary>Interval subscriptions whose insert or remove waits for the last invalidation to end.</summary>
    public HlistHead<MmuIntervalNotifier> DeferredList { get; }
}

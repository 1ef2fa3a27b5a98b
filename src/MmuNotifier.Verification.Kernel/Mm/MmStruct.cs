// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Kernel.Mm;

/// <summary>
/// The parts of struct mm_struct the notifier touches. Create it with
/// <see cref="KernelInstance.MmAlloc"/>: it starts with one mm_users and one mm_count, like a
/// freshly forked mm, and no notifier subscriptions.
/// </summary>
public sealed class MmStruct
{
    internal MmStruct(IRuntime rt, string name, PortVariant variant)
    {
        Name = name;
        Variant = variant;
        Lifetime = rt.NewLifetime(name);
        MmUsers = rt.NewAtomic($"{name}.mm_users", 1, Lifetime);
        MmCount = rt.NewAtomic($"{name}.mm_count", 1, Lifetime);
        MmapLock = rt.NewRwSemaphore($"{name}.mmap_lock", Lifetime);
        RmapLocks = rt.NewRwSemaphore($"{name}.rmap_locks", Lifetime);
        NotifierSubscriptions = rt.NewCell<MmuNotifierSubscriptions?>($"{name}.notifier_subscriptions", null, Lifetime);
    }

    public string Name { get; }

    /// <summary>
    /// The port variant of the kernel this mm belongs to, for the header's static helpers that
    /// reach the kernel only through a subscription's mm (see mmu_interval_set_seq).
    /// </summary>
    internal PortVariant Variant { get; }

    /// <summary>The mm's own allocation, freed by __mmdrop.</summary>
    public ILifetime Lifetime { get; }

    /// <summary>mm_users: address-space users (mmget/mmput); reaching zero runs exit_mmap.</summary>
    public IAtomic MmUsers { get; }

    /// <summary>mm_count: pins on the struct itself (mmgrab/mmdrop); reaching zero frees it.</summary>
    public IAtomic MmCount { get; }

    public IRwSemaphore MmapLock { get; }

    /// <summary>
    /// All the reverse-map locks of the mm's VMAs (every i_mmap_rwsem and anon_vma rwsem), folded
    /// into one rw-semaphore. Core-MM paths that start an invalidation or walk the notifier list
    /// without mmap_lock (reclaim, migration, rmap walks) hold it for read;
    /// <see cref="MmapLockOps.MmTakeAllLocks"/> takes it for write, with mmap_lock held for write.
    /// Together with mmap_lock that excludes every invalidation path, which is all that
    /// mm_take_all_locks promises the notifier.
    /// </summary>
    public IRwSemaphore RmapLocks { get; }

    /// <summary>
    /// mm->notifier_subscriptions: installed once with a release store by
    /// __mmu_notifier_register, read locklessly (with acquire where the kernel uses
    /// smp_load_acquire), freed when mm_count drops to zero.
    /// </summary>
    public ICell<MmuNotifierSubscriptions?> NotifierSubscriptions { get; }

    public override string ToString() => Name;
}

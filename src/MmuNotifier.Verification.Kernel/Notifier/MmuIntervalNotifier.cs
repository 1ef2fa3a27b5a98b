// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.IntervalTree;
using MmuNotifier.Verification.Kernel.Mm;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>struct mmu_interval_notifier, one interval subscriber (e.g. an HMM mirror's range).</summary>
public sealed class MmuIntervalNotifier
{
    public MmuIntervalNotifier(IRuntime rt, string name, ILifetime? lifetime = null)
    {
        Name = name;
        Lifetime = lifetime;
        IntervalTree = new IntervalTreeNode<MmuIntervalNotifier>(this);
        DeferredItem = new HlistNode<MmuIntervalNotifier>(this);
        InvalidateSeq = rt.NewCell<ulong>($"sub[{name}].invalidate_seq", 0, lifetime);
    }

    public string Name { get; }

    public ILifetime? Lifetime { get; }

    /// <summary>The node in subscriptions->itree; changed only under the lock with the tree idle.</summary>
    public IntervalTreeNode<MmuIntervalNotifier> IntervalTree { get; }

    public MmuIntervalNotifierOps? Ops { get; set; }

    public MmStruct? Mm { get; set; }

    /// <summary>The link on subscriptions->deferred_list, only touched under subscriptions->lock.</summary>
    public HlistNode<MmuIntervalNotifier> DeferredItem { get; }

    /// <summary>
    /// The last cur_seq the driver saved with mmu_interval_set_seq (odd once inserted). Written
    /// under the driver's lock or subscriptions->lock, read with READ_ONCE by
    /// mmu_interval_read_begin and mmu_interval_check_retry: a cell.
    /// </summary>
    public ICell<ulong> InvalidateSeq { get; }

    public override string ToString() => Name;
}

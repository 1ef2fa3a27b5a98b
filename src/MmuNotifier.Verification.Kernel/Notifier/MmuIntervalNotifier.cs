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
        IntervalTree = new IntervalTreeNode<MmuIntervalNotifier>(this, lifetime);
        DeferredItem = new HlistNode<MmuIntervalNotifier>(this, lifetime);
        InvalidateSeq = rt.NewCell<ulong>($"sub[{name}].invalidate_seq", 0, lifetime);
    }

    // Plain members of the driver's allocation: reading them after the free is a use-after-free.
    private MmuIntervalNotifierOps? _ops;
    private MmStruct? _mm;

    public string Name { get; }

    public ILifetime? Lifetime { get; }

    /// <summary>The node in subscriptions->itree; changed only under the lock with the tree idle.</summary>
    public IntervalTreeNode<MmuIntervalNotifier> IntervalTree { get; }

    public MmuIntervalNotifierOps? Ops
    {
        get { Kasan.Access(Lifetime, "ops read", this); return _ops; }
        set { Kasan.Access(Lifetime, "ops write", this); _ops = value; }
    }

    public MmStruct? Mm
    {
        get { Kasan.Access(Lifetime, "mm read", this); return _mm; }
        set { Kasan.Access(Lifetime, "mm write", this); _mm = value; }
    }

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

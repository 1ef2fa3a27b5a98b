// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Hlist;
using MmuNotifier.Verification.Kernel.Mm;

namespace MmuNotifier.Verification.Kernel.Notifier;

/// <summary>
/// struct mmu_notifier, one hlist subscriber (named so to keep clear of the root namespace).
/// The driver allocates it, usually inside its own object whose <see cref="ILifetime"/> is passed
/// here so that a callback or list walk reaching it after the free is reported.
/// </summary>
public sealed class MmuNotifierSubscription
{
    public MmuNotifierSubscription(IRuntime rt, PrimitiveName subscriptionName, MmuNotifierOps? ops, ILifetime? lifetime = null)
    {
        var name = rt.Intern(subscriptionName);
        Name = name;
        Lifetime = lifetime;
        _ops = ops;
        Hlist = new RcuHlistNode<MmuNotifierSubscription>(rt, $"sub[{name}].hlist", this, lifetime);
        Users = rt.NewCell<uint>($"sub[{name}].users", 0, lifetime);
    }

    // Plain members of the driver's allocation: reading them after the free is a use-after-free.
    private MmuNotifierOps? _ops;
    private MmStruct? _mm;

    public string Name { get; }

    public ILifetime? Lifetime { get; }

    public RcuHlistNode<MmuNotifierSubscription> Hlist { get; }

    /// <summary>Null only between alloc_notifier and the assignment in mmu_notifier_get_locked.</summary>
    public MmuNotifierOps? Ops
    {
        get { Kasan.Access(Lifetime, "ops read", this); return _ops; }
        set { Kasan.Access(Lifetime, "ops write", this); _ops = value; }
    }

    /// <summary>Set by registration before the subscription is published, then only read.</summary>
    public MmStruct? Mm
    {
        get { Kasan.Access(Lifetime, "mm read", this); return _mm; }
        set { Kasan.Access(Lifetime, "mm write", this); _mm = value; }
    }

    /// <summary>
    /// Get/put reference count. Changed under subscriptions->lock, but registration sets it before
    /// publishing without that lock, so it is a cell rather than a guarded field.
    /// </summary>
    public ICell<uint> Users { get; }

    public override string ToString() => Name;
}

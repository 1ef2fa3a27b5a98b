// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Drivers;

/// <summary>
/// A notifier user: its own threads fault pages in and subscribe or unsubscribe it; the kernel
/// calls its ops. Each concrete model reads like the driver code it stands for.
/// </summary>
public abstract class UserModel(ModelWorld world, SubscriptionSpec spec)
{
    protected ModelWorld W { get; } = world;

    public SubscriptionSpec Spec { get; } = spec;

    /// <summary>The catalogued defects switched on; a driver misuse is <c>Defects.Has(DriverDefects.X)</c>.</summary>
    protected KernelConfig Defects => W.Defects;

    public string Name => Spec.Name;

    /// <summary>The user's secondary mappings, or null for a user that maps nothing.</summary>
    public SecondaryMmu? Mmu { get; protected init; }

    /// <summary>Subscribes at setup, before the scenario's threads start.</summary>
    public abstract ValueTask Setup();

    /// <summary>Makes a device access to <paramref name="page"/>: map it if allowed.</summary>
    public virtual ValueTask Fault(int page) => throw Unsupported("fault");

    /// <summary>insert, register or get; returns the kernel's result.</summary>
    public virtual ValueTask<int> Subscribe(OpSpec op) => throw Unsupported(op.Kind.ToString());

    /// <summary>remove, unregister or put.</summary>
    public virtual ValueTask Unsubscribe(OpSpec op) => throw Unsupported(op.Kind.ToString());

    /// <summary>End of the run: drop every subscription the user still holds.</summary>
    public abstract ValueTask Cleanup();

    // What the invariants need to know about a user, whatever its model.

    /// <summary>The user's interval subscription (odd-seq, tree-stability and bad-input watch it); null for hlist users.</summary>
    public virtual MmuIntervalNotifier? IntervalSubscription => null;

    /// <summary>Its interval subscription is inserted and not yet removed (the checker's view, not the kernel's).</summary>
    public virtual bool IsIntervalLive => false;

    /// <summary>The audits of its hlist subscriptions (start/end pairing, release after exit).</summary>
    public virtual IEnumerable<SubscriptionAudit> HlistAudits => [];

    /// <summary>How many mm_count references its live subscriptions hold (one mmgrab each).</summary>
    public virtual int MmPins => 0;

    /// <summary>Allocations its live subscriptions own, which are not leaks while the process runs.</summary>
    public virtual IEnumerable<ILifetime?> OwnedAllocations => [];

    private NotSupportedException Unsupported(string op) => new($"{Spec.User} user {Name} has no '{op}' operation");
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// The subscriptions structure as monitors may judge it: only between critical sections of
/// subscriptions->lock, since the port moves the count, the sequence and the lists in separate
/// steps under that lock. Computed once per step for every monitor that reads it.
/// <para>
/// The view itself, and what the mm's odd-seq half and tree-stability read through it, changes
/// only under that lock (so it shows at the unlock step) or in a cell of the mm or of the
/// subscriptions (the structure's own allocation): <see cref="Watches"/> lists those
/// allocations, and the monitors registered with it run only after steps that touch them. A
/// monitor that also reads state changed elsewhere registers without watches; it may still read
/// <see cref="Current"/>, which stays valid until the next watched step.
/// </para>
/// </summary>
public sealed class IdleSubscriptionsView
{
    private readonly MmStruct _mm;
    private readonly WatchSet _watches = new();

    public IdleSubscriptionsView(IRuntime rt, MmStruct mm)
    {
        _mm = mm;
        _watches.Add(mm.Lifetime);
        // Refreshes the view before the monitors that read it (all registered after this one).
        rt.AddMonitor("idle-subscriptions-view", Refresh, watches: _watches, reads: AddReads);
    }

    /// <summary>The structure, or null while it does not exist, is freed or its lock is held.</summary>
    public MmuNotifierSubscriptions? Current { get; private set; }

    /// <summary>The objects whose steps can change the view: pass to <see cref="IRuntime.AddMonitor"/>.</summary>
    public WatchSet Watches => _watches;

    /// <summary>What <see cref="Refresh"/> reads: whether the structure exists, lives and is unlocked.</summary>
    private void AddReads(MonitorReads reads)
    {
        reads.Add(_mm.Lifetime.IsFreed);
        if (_mm.Lifetime.IsFreed) return;
        var subscriptions = _mm.NotifierSubscriptions.Peek();
        reads.Add(subscriptions is null);
        if (subscriptions is null) return;
        reads.Add(subscriptions.Lifetime.IsFreed);
        reads.Add(subscriptions.Lock.IsLocked);
    }

    /// <summary>Adds whether the view shows the structure, for a monitor's declared reads.</summary>
    public void AddShown(MonitorReads reads) => reads.Add(Current is null);

    private string? Refresh()
    {
        Current = null;
        if (_mm.Lifetime.IsFreed) return null;
        var subscriptions = _mm.NotifierSubscriptions.Peek();
        if (subscriptions is null || subscriptions.Lifetime.IsFreed) return null;
        // Allocated by the first subscribe: from then on its lock and cells are watched too.
        _watches.Add(subscriptions.Lifetime);
        if (!subscriptions.Lock.IsLocked) Current = subscriptions;
        return null;
    }
}

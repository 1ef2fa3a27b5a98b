// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Notifier;
using MmuNotifier.Verification.Models.Drivers;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// tree-stability (design.md §5), the monitor half: the interval tree keeps its shape while the
/// mm's invalidate_seq stays odd at one value. The other half is the port's own interval tree,
/// which reports a change under a live iteration under the same name
/// (Kernel/IntervalTree/IntervalTreeRoot.StabilityInvariant); the deferred-list half is judged
/// by <see cref="ActiveRanges"/>, next to the count it depends on.
/// </summary>
public sealed class TreeStability : ModelInvariant, IModelObserver
{
    private readonly List<MmuIntervalNotifier> _subs = [];
    private ulong _frozenSeq;
    private long _frozenShape;

    public override string Name => InvariantNames.TreeStability;

    protected override void Attached() =>
        World.Rt.AddMonitor(Name, Check, watches: World.IdleSubscriptions.Watches, reads: AddReads);

    /// <summary>What <see cref="Check"/> reads: the sequence and, while it is odd, the tree's shape.</summary>
    private void AddReads(MonitorReads reads)
    {
        World.IdleSubscriptions.AddShown(reads);
        if (World.IdleSubscriptions.Current is not { } subscriptions) return;
        var seq = subscriptions.InvalidateSeq.Peek();
        reads.Add(seq);
        if ((seq & 1) != 0) reads.Add(Shape(subscriptions));
    }

    public void UserAdded(UserModel user)
    {
        if (user.IntervalSubscription is { } sub) _subs.Add(sub);
    }

    private string? Check()
    {
        if (World.IdleSubscriptions.Current is not { } subscriptions) return null;

        var seq = subscriptions.InvalidateSeq.Peek();
        if ((seq & 1) == 0)
        {
            _frozenSeq = 0;
            return null;
        }

        var shape = Shape(subscriptions);
        if (seq == _frozenSeq && shape != _frozenShape)
            return $"the interval tree changed while invalidate_seq stayed odd at {seq}";
        _frozenSeq = seq;
        _frozenShape = shape;
        return null;
    }

    /// <summary>Which interval subscriptions are in the tree, as a bit set (the scenarios have few).</summary>
    private long Shape(MmuNotifierSubscriptions subscriptions)
    {
        long shape = subscriptions.Itree.Count;
        for (var i = 0; i < _subs.Count && i < 48; i++)
            if (_subs[i].IntervalTree.InTree) shape |= 1L << (i + 8);
        return shape;
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Mm;
using MmuNotifier.Verification.Kernel.Notifier;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// odd-seq and tree stability (design.md §5), judged after every step; the deferred-list half
/// of §5's tree stability is checked by <see cref="ActiveRanges"/>, next to the count it depends on. The subscriptions'
/// fields are only meaningful between critical sections of subscriptions->lock (the port bumps
/// the count and the sequence in separate steps under it), so those checks wait for the lock
/// to be free; the per-subscription sequence is checked always.
/// </summary>
public sealed class SequenceMonitors
{
    private readonly MmStruct _mm;
    private readonly List<(MmuIntervalNotifier Sub, SubscriptionAudit Audit, Func<bool> Inserted)> _subs = [];
    private ulong _frozenSeq;
    private long _frozenShape;

    public SequenceMonitors(IRuntime rt, MmStruct mm)
    {
        _mm = mm;
        rt.AddMonitor(InvariantNames.OddSeq, CheckOddSeq);
        rt.AddMonitor(InvariantNames.TreeStability, CheckTreeStability);
    }

    /// <summary>Watches <paramref name="sub"/> while <paramref name="inserted"/> says it is inserted and not yet removed.</summary>
    public void Track(MmuIntervalNotifier sub, SubscriptionAudit audit, Func<bool> inserted) => _subs.Add((sub, audit, inserted));

    private MmuNotifierSubscriptions? IdleSubscriptions() => Invariants.IdleSubscriptions.Of(_mm);

    private string? CheckOddSeq()
    {
        foreach (var (sub, audit, inserted) in _subs)
        {
            if (!inserted() || audit.Gone) continue;
            var seq = sub.InvalidateSeq.Peek();
            if ((seq & 1) == 0) return $"{sub.Name}.invalidate_seq is {seq}, even, although it is inserted";
        }

        var subscriptions = IdleSubscriptions();
        if (subscriptions is null) return null;
        var global = subscriptions.InvalidateSeq.Peek();
        var active = subscriptions.ActiveInvalidateRanges.Peek();
        if ((global & 1) != 0 && active == 0)
            return $"subscriptions.invalidate_seq is {global}, odd, with no active invalidation";
        return null;
    }

    private string? CheckTreeStability()
    {
        var subscriptions = IdleSubscriptions();
        if (subscriptions is null) return null;

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

    /// <summary>Which tracked subscriptions are in the tree, as a bit set (the scenarios have few).</summary>
    private long Shape(MmuNotifierSubscriptions subscriptions)
    {
        long shape = subscriptions.Itree.Count;
        for (var i = 0; i < _subs.Count && i < 48; i++)
            if (_subs[i].Sub.IntervalTree.InTree) shape |= 1L << (i + 8);
        return shape;
    }
}

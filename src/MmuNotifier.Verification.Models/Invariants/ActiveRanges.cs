// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// active-ranges: the port's count of running invalidations against the core MM's own count of
/// the invalidations it has started and not yet ended. A count that runs ahead means an
/// invalidation was never ended (or one ended twice and wrapped around); the deferred list
/// must be empty whenever the count is zero, since only the last end applies it.
/// </summary>
public sealed class ActiveRanges : ModelInvariant, IModelObserver
{
    private int _inFlight;

    public override string Name => InvariantNames.ActiveRanges;

    /// <remarks>
    /// Runs after every step: the core MM's count drops in plain code after invalidate_range_end
    /// returns, in whatever step that code follows, and a count the port failed to drop shows
    /// right there (nonblock-fail-no-inv-end). The view it reads stays valid between the steps
    /// that refresh it.
    /// </remarks>
    protected override void Attached() => World.Rt.AddMonitor(Name, Check, reads: AddReads);

    /// <summary>What <see cref="Check"/> reads (declared, so that steps moving none of it stay unordered for it).</summary>
    private void AddReads(MonitorReads reads)
    {
        reads.Add(_inFlight);
        World.IdleSubscriptions.AddShown(reads);
        if (World.IdleSubscriptions.Current is not { } subscriptions) return;

        reads.Add(subscriptions.ActiveInvalidateRanges.Peek());
        reads.Add(subscriptions.DeferredList.PeekIsEmpty);
    }

    public void RangeStarting() => _inFlight++;

    public void RangeEnded() => _inFlight--;

    private string? Check()
    {
        if (World.IdleSubscriptions.Current is not { } subscriptions) return null;
        var active = subscriptions.ActiveInvalidateRanges.Peek();
        if (active > (ulong)Math.Max(_inFlight, 0))
            return $"active_invalidate_ranges is {active} but only {_inFlight} invalidation(s) are between start and end";
        if (active == 0 && !subscriptions.DeferredList.PeekIsEmpty)
            return "the deferred list is not empty although no invalidation is active";
        return null;
    }
}

// SPDX-License-Identifier: GPL-2.0-only
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

    protected override void Attached() =>
        World.Rt.AddMonitor(Name, Check, watches: World.IdleSubscriptions.Watches);

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

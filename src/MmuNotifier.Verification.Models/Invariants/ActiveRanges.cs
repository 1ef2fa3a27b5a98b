// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Kernel.Mm;

namespace MmuNotifier.Verification.Models.Invariants;

/// <summary>
/// active-ranges: the port's count of running invalidations against the core MM's own count of
/// the invalidations it has started and not yet ended. A count that runs ahead means an
/// invalidation was never ended (or one ended twice and wrapped around); the deferred list
/// must be empty whenever the count is zero, since only the last end applies it.
/// </summary>
public sealed class ActiveRanges
{
    private readonly MmStruct _mm;
    private int _inFlight;

    public ActiveRanges(IRuntime rt, MmStruct mm)
    {
        _mm = mm;
        rt.AddMonitor(InvariantNames.ActiveRanges, Check);
    }

    /// <summary>The core MM is about to call invalidate_range_start (or exit_mmap's release).</summary>
    public void Begin() => _inFlight++;

    /// <summary>invalidate_range_end returned, or a failed non-blocking start did.</summary>
    public void Done() => _inFlight--;

    private string? Check()
    {
        if (IdleSubscriptions.Of(_mm) is not { } subscriptions) return null;
        var active = subscriptions.ActiveInvalidateRanges.Peek();
        if (active > (ulong)Math.Max(_inFlight, 0))
            return $"active_invalidate_ranges is {active} but only {_inFlight} invalidation(s) are between start and end";
        if (active == 0 && !subscriptions.DeferredList.PeekIsEmpty)
            return "the deferred list is not empty although no invalidation is active";
        return null;
    }
}

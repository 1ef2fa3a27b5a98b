// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// Bytes allocated per schedule: a load-independent proxy for per-schedule cost (wall-clock
/// figures on a shared machine move by tens of percent; allocation counts do not). Counts every
/// thread's allocations, so it is meant for measured regions with nothing else running.
/// </summary>
internal static class AllocationMeter
{
    public static (T Result, double BytesPerUnit) Measure<T>(Func<T> work, Func<T, long> units)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = work();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        var count = units(result);
        return (result, count == 0 ? 0 : (double)bytes / count);
    }
}

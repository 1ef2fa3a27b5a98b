// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The exploration keeps the reports of its lowest-numbered findings only (<see cref="ScheduleMerge"/>);
/// a report is a full replay with every step recorded. Workers claim a report here before making
/// it: once <c>max</c> findings numbered below a schedule have claimed theirs, that schedule's
/// report could never be kept and is not made. Without it, each of N workers made its own
/// <c>max</c> reports on a program that fails every schedule, N times the work of one worker.
/// Only claims from findings are counted, so every schedule among the lowest <c>max</c> findings
/// gets its claim: the kept reports are the same as without the quota.
/// </summary>
internal sealed class ReportQuota(int max)
{
    private readonly SortedSet<long> _lowest = [];
    private long _threshold = long.MaxValue;

    public bool Claim(long number)
    {
        // The common refusal needs no lock: the threshold only falls.
        if (number > Volatile.Read(ref _threshold)) return false;
        lock (_lowest)
        {
            if (number > _threshold) return false;
            _lowest.Add(number);
            if (_lowest.Count > max) _lowest.Remove(_lowest.Max);
            if (_lowest.Count == max) Volatile.Write(ref _threshold, _lowest.Max);
            return true;
        }
    }
}

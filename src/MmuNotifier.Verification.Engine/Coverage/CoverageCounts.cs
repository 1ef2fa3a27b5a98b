// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Coverage;

/// <summary>
/// For every probe reached in an exploration, how many of its schedules reached it. Built by the
/// merge from each schedule's set, by schedule number, so it is the same for any number of
/// workers; and additive, so counts of separate explorations can be summed.
/// </summary>
public sealed class CoverageCounts
{
    private readonly Dictionary<CoverageSite, long> _schedules = [];

    public IReadOnlyDictionary<CoverageSite, long> Schedules => _schedules;

    public long Of(CoverageSite site) => _schedules.GetValueOrDefault(site);

    internal void AddSchedule(IEnumerable<CoverageSite> reached)
    {
        foreach (var site in reached) _schedules[site] = _schedules.GetValueOrDefault(site) + 1;
    }

    /// <summary>Adds another exploration's counts to these (the sweep over many programs).</summary>
    public void Add(CoverageCounts other)
    {
        foreach (var (site, count) in other._schedules) _schedules[site] = _schedules.GetValueOrDefault(site) + count;
    }
}

// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// Puts the logs of an exploration's workers together by schedule number. When stopping at the
/// first bug, only schedules numbered up to the lowest finding count, whatever else the workers
/// ran meanwhile, so the report does not depend on the number of workers.
/// </summary>
internal static class ScheduleMerge
{
    public static ExplorationReport Merge(IReadOnlyList<ScheduleLog> logs, bool exhausted, string strategy, ExplorationOptions options,
        ExplorationShared shared, int workers)
    {
        var findings = logs.SelectMany(l => l.Findings).ToList();
        var last = options.StopAtFirstBug && findings.Count > 0 ? findings.Min() : long.MaxValue;
        var runs = logs.SelectMany(l => l.Runs).Where(r => r.Number <= last).ToList();
        return new ExplorationReport
        {
            Strategy = strategy,
            Seed = options.Seed,
            Iterations = runs.Count,
            TotalSteps = runs.Sum(r => (long)r.Steps),
            DistinctSchedules = runs.Select(r => r.Hash).Distinct().LongCount(),
            Bugs = FirstReports(logs.SelectMany(l => l.Bugs), last, ScheduleRunner.MaxBugReports),
            BuggyIterations = findings.LongCount(n => n <= last),
            StepBoundHits = FirstReports(logs.SelectMany(l => l.StepBoundHits), last, ScheduleRunner.MaxStepBoundReports),
            Exhausted = exhausted && !shared.Interrupted,
            Interrupted = shared.Interrupted,
            Elapsed = shared.Elapsed,
            Workers = workers,
        };
    }

    private static List<BugReport> FirstReports(IEnumerable<BugReport> reports, long last, int cap) =>
        reports.Where(b => b.Trace.Iteration <= last).OrderBy(b => b.Trace.Iteration).Take(cap).ToList();
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Checking;

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
        var cuts = logs.SelectMany(l => l.StepBoundRuns).Where(n => n <= last).ToList();
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
            StepBoundCuts = cuts.Count,
            Rounds = Rounds(logs.SelectMany(l => l.Rounds).ToList(), runs.Count, cuts),
            // A finding filter asks about particular bugs only (the kill matrix): cross-schedule cycles are none of them.
            LockOrderCycles = options.FindingFilter is null
                ? LockOrderCycles.Find(logs.SelectMany(l => l.LockDependencies).Where(d => d.Number <= last))
                : [],
            KnownRaces = logs.SelectMany(l => l.KnownRaces).Where(k => k.Number <= last).GroupBy(k => k.Name)
                .Select(g => new KnownRaceSeen(g.Key, g.LongCount(), g.Min(k => k.Number))).OrderBy(k => k.FirstSchedule).ToList(),
            Exhausted = exhausted && cuts.Count == 0 && !shared.Interrupted,
            Interrupted = shared.Interrupted,
            Elapsed = shared.Elapsed,
            Coverage = options.RecordCoverage ? CoverageOf(logs, last) : null,
            Workers = workers,
        };
    }

    /// <summary>Each round's schedules run from its first number to the next round's; the merge counts them and their cuts.</summary>
    private static List<BoundRound> Rounds(List<StrategyRound> rounds, long runs, List<long> cuts) =>
        rounds.Select((round, i) =>
        {
            var end = i + 1 < rounds.Count ? rounds[i + 1].FirstSchedule : runs;
            var cut = cuts.LongCount(n => n >= round.FirstSchedule && n < end);
            return new BoundRound(round.Bound, Math.Max(0, end - round.FirstSchedule), cut, round.Completed && cut == 0);
        }).ToList();

    /// <summary>The counted schedules' probes: the same schedules, hence the same counts, for any number of workers.</summary>
    private static Coverage.CoverageCounts CoverageOf(IReadOnlyList<ScheduleLog> logs, long last)
    {
        var counts = new Coverage.CoverageCounts();
        foreach (var (_, sites) in logs.SelectMany(l => l.Coverage).Where(c => c.Number <= last)) counts.AddSchedule(sites);
        return counts;
    }

    private static List<BugReport> FirstReports(IEnumerable<BugReport> reports, long last, int cap) =>
        reports.Where(b => b.Trace.Iteration <= last).OrderBy(b => b.Trace.Iteration).Take(cap).ToList();
}

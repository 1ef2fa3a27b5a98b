// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// What a run of consecutive schedule numbers produced: every schedule's size and hash, the
/// numbers of the schedules that were findings, and the reports kept for them (bounded by the
/// worker's <see cref="ScheduleRunner"/>). <see cref="ScheduleMerge"/> puts logs together.
/// </summary>
internal sealed class ScheduleLog
{
    public List<(long Number, int Steps, ulong Hash)> Runs { get; private init; } = [];

    /// <summary>Numbers of the schedules that ended in a finding (every one, also those past the report cap).</summary>
    public List<long> Findings { get; private init; } = [];

    public List<BugReport> Bugs { get; private init; } = [];

    public List<BugReport> StepBoundHits { get; private init; } = [];

    /// <summary>Numbers of the schedules the step bound cut short (every one, also those past the report cap).</summary>
    public List<long> StepBoundRuns { get; private init; } = [];

    /// <summary>Where each round of an iterative strategy began, when the strategy has rounds.</summary>
    public List<StrategyRound> Rounds { get; set; } = [];
    /// <summary>Lock dependencies with the schedule that first showed them to this log's runtime (for cross-schedule cycles).</summary>
    public List<(long Number, Checking.LockDependency Dependency)> LockDependencies { get; private init; } = [];

    /// <summary>With coverage on: the probes each schedule reached.</summary>
    public List<(long Number, Coverage.CoverageSite[] Sites)> Coverage { get; private init; } = [];
    /// <summary>The known races (<see cref="Checking.KnownRace"/>) each schedule showed.</summary>
    public List<(long Number, string Name)> KnownRaces { get; private init; } = [];

    /// <summary>The strategy said it had no schedule left.</summary>
    public bool Exhausted { get; set; }

    /// <summary>The same log with every schedule number moved up by <paramref name="offset"/> (for DFS subtrees, numbered locally).</summary>
    public ScheduleLog Renumbered(long offset) => new()
    {
        Runs = Runs.Select(r => r with { Number = r.Number + offset }).ToList(),
        Findings = Findings.Select(n => n + offset).ToList(),
        Bugs = Bugs.Select(b => Renumbered(b, offset)).ToList(),
        StepBoundHits = StepBoundHits.Select(b => Renumbered(b, offset)).ToList(),
        StepBoundRuns = StepBoundRuns.Select(n => n + offset).ToList(),
        LockDependencies = LockDependencies.Select(d => d with { Number = d.Number + offset }).ToList(),
        Coverage = Coverage.Select(c => c with { Number = c.Number + offset }).ToList(),
        KnownRaces = KnownRaces.Select(k => k with { Number = k.Number + offset }).ToList(),
        Exhausted = Exhausted,
    };

    /// <summary>The same log without the schedules numbered after <paramref name="last"/> (a task cut at the budget).</summary>
    public ScheduleLog Upto(long last) => new()
    {
        Runs = Runs.Where(r => r.Number <= last).ToList(),
        Findings = Findings.Where(n => n <= last).ToList(),
        Bugs = Bugs.Where(b => b.Trace.Iteration <= last).ToList(),
        StepBoundHits = StepBoundHits.Where(b => b.Trace.Iteration <= last).ToList(),
        StepBoundRuns = StepBoundRuns.Where(n => n <= last).ToList(),
        LockDependencies = LockDependencies.Where(d => d.Number <= last).ToList(),
        Coverage = Coverage.Where(c => c.Number <= last).ToList(),
        KnownRaces = KnownRaces.Where(k => k.Number <= last).ToList(),
        Exhausted = Exhausted,
    };

    /// <summary>
    /// The logs of several workers (or shards) as one, keeping only schedules numbered up to
    /// <paramref name="last"/>: what a shard writes for the merge, which never needs more.
    /// </summary>
    public static ScheduleLog Combine(IReadOnlyList<ScheduleLog> logs, long last = long.MaxValue) => new()
    {
        Runs = logs.SelectMany(l => l.Runs).Where(r => r.Number <= last).OrderBy(r => r.Number).ToList(),
        Findings = logs.SelectMany(l => l.Findings).Where(n => n <= last).Order().ToList(),
        Bugs = logs.SelectMany(l => l.Bugs).Where(b => b.Trace.Iteration <= last).OrderBy(b => b.Trace.Iteration).ToList(),
        StepBoundHits = logs.SelectMany(l => l.StepBoundHits).Where(b => b.Trace.Iteration <= last).OrderBy(b => b.Trace.Iteration).ToList(),
        StepBoundRuns = logs.SelectMany(l => l.StepBoundRuns).Where(n => n <= last).Order().ToList(),
        LockDependencies = logs.SelectMany(l => l.LockDependencies).Where(d => d.Number <= last).OrderBy(d => d.Number).ToList(),
        Exhausted = logs.Any(l => l.Exhausted),
    };

    /// <summary>A log read back from a shard report (<see cref="Sharding.ShardLogJson"/>).</summary>
    public static ScheduleLog Restore(List<(long Number, int Steps, ulong Hash)> runs, List<long> findings, List<BugReport> bugs,
        List<BugReport> stepBoundHits, List<long> stepBoundRuns, List<(long Number, Checking.LockDependency Dependency)> lockDependencies,
        bool exhausted) => new()
    {
        Runs = runs,
        Findings = findings,
        Bugs = bugs,
        StepBoundHits = stepBoundHits,
        StepBoundRuns = stepBoundRuns,
        LockDependencies = lockDependencies,
        Exhausted = exhausted,
    };

    private static BugReport Renumbered(BugReport report, long offset) =>
        report with { Trace = report.Trace with { Iteration = report.Trace.Iteration + offset } };
}

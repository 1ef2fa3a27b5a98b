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
        KnownRaces = KnownRaces.Select(k => k with { Number = k.Number + offset }).ToList(),
        Exhausted = Exhausted,
    };

    private static BugReport Renumbered(BugReport report, long offset) =>
        report with { Trace = report.Trace with { Iteration = report.Trace.Iteration + offset } };
}

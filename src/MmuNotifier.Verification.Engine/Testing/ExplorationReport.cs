// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>What an exploration did and found.</summary>
public sealed record ExplorationReport
{
    public required string Strategy { get; init; }

    public ulong Seed { get; init; }

    public long Iterations { get; init; }

    public long TotalSteps { get; init; }

    /// <summary>Schedules that differed in at least one decision.</summary>
    public long DistinctSchedules { get; init; }

    /// <summary>Bugs found, each with a replayable trace, in iteration order.</summary>
    public IReadOnlyList<BugReport> Bugs { get; init; } = [];

    /// <summary>Schedules that ended in a bug (more than <see cref="Bugs"/> holds when not stopping at the first).</summary>
    public long BuggyIterations { get; init; }

    /// <summary>Runs that hit the step bound (possible livelocks), reported apart from bugs.</summary>
    public IReadOnlyList<BugReport> StepBoundHits { get; init; } = [];

    /// <summary>Schedules the step bound cut short (more than <see cref="StepBoundHits"/> holds): none of them counts as explored.</summary>
    public long StepBoundCuts { get; init; }

    /// <summary>
    /// lockdep across schedules: cycles in the class dependency graph of all explored schedules
    /// whose links come from different schedules, so no single schedule shows (or replays) them.
    /// </summary>
    public IReadOnlyList<LockOrderCycle> LockOrderCycles { get; init; } = [];

    /// <summary>Documented races of the program (<see cref="TestProgram.KnownRaces"/>) the schedules showed; not bugs.</summary>
    public IReadOnlyList<KnownRaceSeen> KnownRaces { get; init; } = [];

    /// <summary>
    /// Systematic strategies only: the whole (bounded) schedule space was explored and no schedule
    /// of it was cut short by the step bound. A cut run's continuations were never looked at, so a
    /// space with one is not exhausted whatever the strategy says.
    /// </summary>
    public bool Exhausted { get; init; }

    /// <summary>Iterative strategies (iterative preemption or delay bounding): one entry per bound, in order.</summary>
    public IReadOnlyList<BoundRound> Rounds { get; init; } = [];

    /// <summary>Cancelled before its budget was spent: the figures are those of the schedules that ran.</summary>
    public bool Interrupted { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>With <see cref="ExplorationOptions.RecordCoverage"/>: how many of the counted schedules reached each probe; else null.</summary>
    public Coverage.CoverageCounts? Coverage { get; init; }

    public int Workers { get; init; } = 1;

    /// <summary>A sharded run (<see cref="ExplorationOptions.Shard"/>): what the merge needs of this share; null otherwise.</summary>
    public Sharding.ShardLog? ShardLog { get; init; }

    public bool FoundBug => Bugs.Count > 0 || LockOrderCycles.Count > 0;

    public double StepsPerSecond => Elapsed.TotalSeconds > 0 ? TotalSteps / Elapsed.TotalSeconds : 0;

    public double IterationsPerSecond => Elapsed.TotalSeconds > 0 ? Iterations / Elapsed.TotalSeconds : 0;
}

/// <summary>A bug together with everything needed to reproduce and read it.</summary>
public sealed record BugReport(Bug Bug, IReadOnlyList<Bug> AllBugsOfRun, Trace Trace, IReadOnlyList<StepRecord> Steps)
{
    public override string ToString() => Bug.ToString();
}

/// <summary>
/// One bound of an iterative search: the schedules it ran, how many the step bound cut, and
/// whether it covered its whole bounded space (then every bug within the bound is ruled out).
/// </summary>
public sealed record BoundRound(int Bound, long Schedules, long StepBoundCuts, bool Complete);

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

    /// <summary>DFS only: the whole (bounded) schedule space was explored.</summary>
    public bool Exhausted { get; init; }

    /// <summary>Cancelled before its budget was spent: the figures are those of the schedules that ran.</summary>
    public bool Interrupted { get; init; }

    public TimeSpan Elapsed { get; init; }

    public int Workers { get; init; } = 1;

    public bool FoundBug => Bugs.Count > 0;

    public double StepsPerSecond => Elapsed.TotalSeconds > 0 ? TotalSteps / Elapsed.TotalSeconds : 0;

    public double IterationsPerSecond => Elapsed.TotalSeconds > 0 ? Iterations / Elapsed.TotalSeconds : 0;
}

/// <summary>A bug together with everything needed to reproduce and read it.</summary>
public sealed record BugReport(Bug Bug, IReadOnlyList<Bug> AllBugsOfRun, Trace Trace, IReadOnlyList<StepRecord> Steps)
{
    public override string ToString() => Bug.ToString();
}

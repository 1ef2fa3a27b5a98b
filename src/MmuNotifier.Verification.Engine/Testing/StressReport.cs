// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>What looping a test body on real threads did and found. No trace: a real run cannot be replayed.</summary>
public sealed record StressReport
{
    public long Iterations { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Primitive operations over all runs (the real runtime's steps).</summary>
    public long TotalOperations { get; init; }

    /// <summary>The first finding about the model, or null.</summary>
    public Bug? FirstBug { get; init; }

    /// <summary>Everything the run of <see cref="FirstBug"/> reported.</summary>
    public IReadOnlyList<Bug> FirstBugRun { get; init; } = [];

    /// <summary>1-based iteration of <see cref="FirstBug"/>, 0 if none.</summary>
    public long FirstBugIteration { get; init; }

    public TimeSpan? TimeToFirstBug { get; init; }

    /// <summary>Runs that reported at least one bug.</summary>
    public long BuggyIterations { get; init; }

    /// <summary>Bugs over all runs.</summary>
    public long BugCount { get; init; }

    /// <summary>The first harness error or time-bound hit (possible livelock): not findings, reported apart.</summary>
    public Bug? FirstProblem { get; init; }

    /// <summary>Runs the watchdog had to abandon with threads that never unwound.</summary>
    public long AbandonedRuns { get; init; }

    public bool FoundBug => FirstBug is not null;

    public double IterationsPerSecond => Elapsed.TotalSeconds > 0 ? Iterations / Elapsed.TotalSeconds : 0;

}

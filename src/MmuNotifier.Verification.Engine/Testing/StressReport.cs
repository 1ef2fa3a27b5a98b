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

    /// <summary>1-based iteration of <see cref="FirstBug"/>, 0 if none.</summary>
    public long FirstBugIteration { get; init; }

    public TimeSpan? TimeToFirstBug { get; init; }

    /// <summary>The first harness error or time-bound hit (possible livelock): not findings, reported apart.</summary>
    public Bug? FirstProblem { get; init; }

    public bool FoundBug => FirstBug is not null;
}

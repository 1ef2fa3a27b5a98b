// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Models.KillMatrix;

/// <summary>How hard the kill matrix looks for a defect: which strategies, seeds 1..N, and the budget of each (target, strategy, seed).</summary>
public sealed record KillBudget
{
    /// <summary>Names of <see cref="StrategyRegistry"/>; by default every strategy that is not a portfolio (the matrix compares them).</summary>
    public IReadOnlyList<string> Strategies { get; init; } = StrategyRegistry.Single.Select(d => d.Name).ToList();

    /// <summary>Seeds 1..N per strategy.</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>Schedules per (target, strategy, seed) before it counts as missed.</summary>
    public long MaxSchedules { get; init; } = 1_000_000;

    /// <summary>Optional wall-clock cap per (target, strategy, seed).</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>The preemption bound of strategies that take one (bounded DFS, as the matrix promises), except dpor, which runs unbounded.</summary>
    public int PreemptionBound { get; init; } = 2;

    /// <summary>Record the port coverage of every attempt (<see cref="ExplorationReport.Coverage"/>, docs/coverage.md).</summary>
    public bool RecordCoverage { get; init; }

    /// <summary>Scheduling steps per schedule; null keeps the engine's default.</summary>
    public int? MaxSteps { get; init; }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// How hard one generated scenario is explored. The exploration of a scenario must be a
/// deterministic function of the scenario (fixed strategy seeds), or shrinking would chase noise.
/// </summary>
public sealed record FuzzBudget
{
    /// <summary>Schedules of the sampling strategy per scenario.</summary>
    public int Schedules { get; init; } = 300;

    /// <summary>
    /// The sampling strategy, as for `test`. portfolio takes random, PCT at depths 3 and 10 and POS
    /// in turn: PCT finds the few-preemption bugs fast, random the ones PCT's priorities make
    /// unlikely (docs/defects.md lists two that PCT misses within 5,000 schedules).
    /// </summary>
    public string Strategy { get; init; } = PortfolioStrategy.Descriptor.Name;

    public ulong Seed { get; init; } = 1;

    /// <summary>When the scenario has at most this many operations, bounded DFS runs too.</summary>
    public int SmallScenarioOps { get; init; } = 5;

    public int DfsPreemptionBound { get; init; } = 2;

    public int DfsSchedules { get; init; } = 300;

    /// <summary>Highest preemption bound the schedule shrinking tries.</summary>
    public int ShrinkMaxBound { get; init; } = 3;

    /// <summary>Schedules per bound when shrinking the schedule.</summary>
    public int ShrinkSchedulesPerBound { get; init; } = 3000;

    public int MaxSteps { get; init; } = 10_000;

    /// <summary>The memory model every exploration of the scenario runs under (sc, or lkmm: docs/detectors.md).</summary>
    public Engine.Abstractions.MemoryModel MemoryModel { get; init; }

    public static FuzzBudget Default { get; } = new();
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.KillMatrix;

namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>The budgets of one kill-matrix run: the engine's per (defect, strategy, seed), and the stress baseline's.</summary>
internal sealed record KillMatrixOptions
{
    /// <summary>The defaults of `bench kill`.</summary>
    public static KillMatrixOptions Default { get; } = new();

    /// <summary>Strategies, seeds 1..N, and per (defect, strategy, seed) at most 1,000,000 schedules and 10 s.</summary>
    public KillBudget Budget { get; init; } = new() { MaxSchedules = 1_000_000, MaxTime = TimeSpan.FromSeconds(10) };

    /// <summary>Wall-clock time the real-thread stress baseline gets per defect; zero skips it.</summary>
    public TimeSpan StressTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Schedules per (defect, Coyote strategy, seed) under Coyote's TestingEngine (the Coyote
    /// backend), for the Coyote columns; zero skips them. Coyote stops at its first bug.
    /// </summary>
    public uint CoyoteSchedules { get; init; } = 500;

    /// <summary>
    /// Schedules per (defect, detector column, strategy, seed) of the detector hunts
    /// (<see cref="KillHunt.Run(KillTarget, string, Engine.Checking.FindingSource, KillBudget)"/>), within
    /// the same time cap as the strategy cells; zero skips the detector columns.
    /// </summary>
    public long DetectorSchedules { get; init; } = 1000;

    /// <summary>The Coyote strategies that get a column: its random walk and its PCT (prioritization).</summary>
    public static IReadOnlyList<string> CoyoteStrategies { get; } = ["random", "pct"];
}

// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>The budgets of one kill-matrix run.</summary>
internal sealed record KillMatrixOptions
{
    public IReadOnlyList<string> Strategies { get; init; } = ["random", "pct", "dfs"];

    /// <summary>Seeds 1..N per strategy.</summary>
    public int Seeds { get; init; } = 5;

    /// <summary>Schedules per (defect, strategy, seed) before it counts as missed.</summary>
    public long MaxSchedules { get; init; } = 1_000_000;

    /// <summary>Wall-clock cap per (defect, strategy, seed).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>DFS's preemption bound (bounded DFS, as the matrix promises).</summary>
    public int PreemptionBound { get; init; } = 2;

    /// <summary>Wall-clock time the real-thread stress baseline gets per defect; zero skips it.</summary>
    public TimeSpan StressTime { get; init; } = TimeSpan.FromSeconds(10);
}

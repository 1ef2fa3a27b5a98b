// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>The kill matrix: one row per defect, one cell per strategy, plus the stress baseline.</summary>
internal sealed record KillMatrixResult(KillMatrixOptions Options, IReadOnlyList<KillRow> Rows)
{
    public int DefectsFoundBy(string strategy) => Rows.Count(r => r.Cells.Any(c => c.Strategy == strategy && c.Found > 0));

    public int DefectsFoundByEngine => Rows.Count(r => r.Cells.Any(c => c.Found > 0));

    public int DefectsFoundByStress => Rows.Count(r => r.Stress is { Found: true });
}

internal sealed record KillRow(string Defect, string Program, IReadOnlyList<KillCell> Cells, StressCell? Stress)
{
    /// <summary>The cell with the most seeds finding the defect, then the fastest median.</summary>
    public KillCell? Best => Cells.Where(c => c.Found > 0)
        .OrderByDescending(c => c.Found).ThenBy(c => c.MedianSeconds).FirstOrDefault();
}

/// <summary>How one strategy did over the seeds: how many found it, and the medians over those that did.</summary>
internal sealed record KillCell(string Strategy, int Seeds, int Found, double? MedianSchedules, double? MedianSeconds);

/// <summary>The real-thread stress loop over the same wall time.</summary>
internal sealed record StressCell(bool Found, long Iterations, double Seconds, double? SecondsToFirstBug);

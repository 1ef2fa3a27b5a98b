// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>
/// The kill matrix: one row per (defect, program), one cell per strategy, plus the stress
/// baseline. The counts are over defects that must be found: a defect counts as found when
/// any of its rows is.
/// </summary>
internal sealed record KillMatrixResult(KillMatrixOptions Options, IReadOnlyList<KillRow> Rows)
{
    /// <summary>With <see cref="Models.KillMatrix.KillBudget.RecordCoverage"/>: the port coverage of every engine attempt of every cell; else null.</summary>
    public Engine.Coverage.CoverageCounts? Coverage { get; init; }

    /// <summary>The schedules <see cref="Coverage"/> counts over.</summary>
    public long CoverageSchedules { get; init; }

    /// <summary>Defects that must be found (each counted once, however many programs it runs on).</summary>
    public int Defects => Counted.Select(r => r.Defect).Distinct().Count();

    public int DefectsFoundBy(string strategy) => FoundWhere(r => r.Cells.Any(c => c.Strategy == strategy && c.Found > 0));

    public int DefectsFoundByEngine => FoundWhere(r => r.Cells.Any(c => c.Found > 0));

    public int DefectsFoundByStress => FoundWhere(r => r.Stress is { Found: true });

    /// <summary>Defects (that must be found) that the hunt of detector column <paramref name="detector"/> found on some row.</summary>
    public int DefectsFoundByDetector(string detector) => FoundWhere(r => r.Detectors.Any(d => d.Detector == detector && d.Found > 0));

    public int DefectsFoundByCoyote => FoundWhere(r => r.CoyoteCells.Any(c => c.Found > 0));

    private IEnumerable<KillRow> Counted => Rows.Where(r => r.MustBeFound);

    private int FoundWhere(Func<KillRow, bool> found) => Counted.Where(found).Select(r => r.Defect).Distinct().Count();
}

/// <param name="CoyoteCells">The same hunt under Coyote's TestingEngine, one cell per Coyote strategy (empty when skipped).</param>
internal sealed record KillRow(string Defect, string Program, IReadOnlyList<KillCell> Cells, StressCell? Stress, bool MustBeFound = true)
{
    public IReadOnlyList<KillCell> CoyoteCells { get; init; } = [];

    /// <summary>One cell per finding source (<c>FindingSource.All</c> order), empty when the detector hunts are skipped.</summary>
    public IReadOnlyList<DetectorCell> Detectors { get; init; } = [];

    /// <summary>The cell with the most seeds finding the defect, then the fastest median.</summary>

    public KillCell? Best => Cells.Where(c => c.Found > 0)
        .OrderByDescending(c => c.Found).ThenBy(c => c.MedianSeconds).FirstOrDefault();
}

/// <summary>How one strategy did over the seeds: how many found it, and the medians over those that did.</summary>
internal sealed record KillCell(string Strategy, int Seeds, int Found, double? MedianSchedules, double? MedianSeconds);

/// <summary>
/// A detector column of a row: its own hunt (only that detector on, only its findings counting)
/// over every strategy × seed of the matrix; how many of those attempts found the defect, and the
/// median and fewest schedules to the first finding over those that did (null when none did).
/// </summary>
internal sealed record DetectorCell(string Detector, int Attempts, int Found, double? MedianSchedules, long? FewestSchedules);

/// <summary>The real-thread stress loop over the same wall time.</summary>
internal sealed record StressCell(bool Found, long Iterations, double Seconds, double? SecondsToFirstBug);

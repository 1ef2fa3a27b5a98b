// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Coyote;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.KillMatrix;

namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>
/// Runs every target under every strategy and seed through <see cref="KillHunt"/>, then loops the
/// same program on real threads for the stress baseline, and sums it up as rows and cells.
/// </summary>
internal static class KillMatrixRunner
{
    public static KillMatrixResult Run(IReadOnlyList<KillTarget> targets, KillMatrixOptions options, Action<string>? log)
    {
        var rows = new List<KillRow>();
        var coverage = options.Budget.RecordCoverage ? new Engine.Coverage.CoverageCounts() : null;
        long coverageSchedules = 0;
        foreach (var target in targets)
        {
            var attempts = options.Budget.Strategies.Select(strategy => KillHunt.Run(target, strategy, options.Budget).ToList()).ToList();
            foreach (var attempt in attempts.SelectMany(a => a).Where(a => a.Report.Coverage is not null))
            {
                coverage!.Add(attempt.Report.Coverage!);
                coverageSchedules += attempt.Report.Iterations;
            }

            var cells = attempts.Select((runs, i) => Cell(options.Budget.Strategies[i], runs)).ToList();
            var stress = options.StressTime > TimeSpan.Zero ? RunStress(target, options) : null;
            var coyote = options.CoyoteSchedules == 0 ? [] : KillMatrixOptions.CoyoteStrategies.Select(s => CoyoteCell(target, s, options)).ToList();
            var row = new KillRow(target.Defect, target.Program, cells, stress, target.MustBeFound)
            {
                Detectors = options.DetectorSchedules == 0 ? [] : DetectorCells(target, options),
                CoyoteCells = coyote,
            };
            log?.Invoke($"{target.Defect} on {target.Program}: {string.Join(", ", cells.Select(c => $"{c.Strategy} {c.Found}/{c.Seeds}"))}" +
                        string.Concat(coyote.Select(c => $", coyote {c.Strategy} {c.Found}/{c.Seeds}")) +
                        string.Concat(row.Detectors.Select(d => $", {d.Detector} {d.Found}/{d.Attempts}")) +
                        (stress is null ? "" : $", stress {(stress.Found ? "found" : "missed")}"));
            rows.Add(row);
        }

        return new KillMatrixResult(options, rows) { Coverage = coverage, CoverageSchedules = coverageSchedules };
    }

    private static KillCell Cell(string strategy, IReadOnlyList<KillAttempt> attempts)
    {
        var found = attempts.Where(a => a.Found).ToList();
        return found.Count == 0
            ? new KillCell(strategy, attempts.Count, 0, null, null)
            : new KillCell(strategy, attempts.Count, found.Count, Median.Of(found.Select(a => (double)a.SchedulesToFinding)),
                Median.Of(found.Select(a => a.Report.Elapsed.TotalSeconds)));
    }

    /// <summary>
    /// One hunt per finding source, every strategy and seed of the matrix, at most
    /// <see cref="KillMatrixOptions.DetectorSchedules"/> each: a detector that fires first no longer
    /// hides what another would have found, since each column's hunt has only its own detector on.
    /// </summary>
    private static IReadOnlyList<DetectorCell> DetectorCells(KillTarget target, KillMatrixOptions options)
    {
        var budget = options.Budget with { MaxSchedules = options.DetectorSchedules, RecordCoverage = false };
        return FindingSource.All.Select(source =>
        {
            var attempts = budget.Strategies.SelectMany(strategy => KillHunt.Run(target, strategy, source, budget)).ToList();
            var found = attempts.Where(a => a.Found).ToList();
            return found.Count == 0
                ? new DetectorCell(source.Name, attempts.Count, 0, null, null)
                : new DetectorCell(source.Name, attempts.Count, found.Count, Median.Of(found.Select(a => (double)a.SchedulesToFinding)),
                    found.Min(a => a.SchedulesToFinding));
        }).ToList();
    }

    /// <summary>
    /// Seeds 1..N of <paramref name="strategy"/> under Coyote, each up to the Coyote budget; Coyote
    /// stops at its first bug, so the schedules it ran are the schedules to the first finding.
    /// </summary>
    private static KillCell CoyoteCell(KillTarget target, string strategy, KillMatrixOptions options)
    {
        var program = target.CreateProgram();
        var found = new List<CoyoteReport>();
        for (var seed = 1; seed <= options.Budget.Seeds; seed++)
        {
            var report = CoyoteExploration.Run(() => CoyoteRuntime.Run(program, target.IsFinding), options.CoyoteSchedules, (uint)seed, strategy);
            if (report.Bugs.Count > 0) found.Add(report);
        }

        return found.Count == 0
            ? new KillCell(strategy, options.Budget.Seeds, 0, null, null)
            : new KillCell(strategy, options.Budget.Seeds, found.Count, Median.Of(found.Select(r => (double)r.Schedules)),
                Median.Of(found.Select(r => r.Elapsed.TotalSeconds)));
    }

    private static StressCell RunStress(KillTarget target, KillMatrixOptions options)
    {
        var report = StressRunner.Run(target.CreateProgram(), new StressOptions
        {
            Iterations = long.MaxValue,
            TimeBudget = options.StressTime,
            FindingFilter = target.IsFinding,
        });
        return new StressCell(report.FoundBug, report.Iterations, report.Elapsed.TotalSeconds, report.TimeToFirstBug?.TotalSeconds);
    }
}

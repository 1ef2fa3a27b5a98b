// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>
/// Runs every defect under every strategy and seed, stopping each run at the first real finding,
/// then loops the same program on real threads for the stress baseline.
/// </summary>
internal static class KillMatrixRunner
{
    public static KillMatrixResult Run(IReadOnlyList<KillTarget> targets, KillMatrixOptions options, Action<string>? log)
    {
        var rows = new List<KillRow>();
        foreach (var target in targets)
        {
            var cells = options.Strategies.Select(strategy => RunCell(target, strategy, options)).ToList();
            var stress = options.StressTime > TimeSpan.Zero ? RunStress(target, options) : null;
            var row = new KillRow(target.Defect, target.Program, cells, stress, target.MustBeFound);
            log?.Invoke($"{target.Defect} on {target.Program}: {string.Join(", ", cells.Select(c => $"{c.Strategy} {c.Found}/{c.Seeds}"))}" +
                        (stress is null ? "" : $", stress {(stress.Found ? "found" : "missed")}"));
            rows.Add(row);
        }

        return new KillMatrixResult(options, rows);
    }

    private static KillCell RunCell(KillTarget target, string strategy, KillMatrixOptions options)
    {
        var schedules = new List<double>();
        var seconds = new List<double>();
        for (var seed = 1; seed <= options.Seeds; seed++)
        {
            var report = Explorer.Explore(target.CreateProgram(), new ExplorationOptions
            {
                Strategy = strategy,
                Seed = (ulong)seed,
                Iterations = options.MaxSchedules,
                TimeBudget = options.MaxTime,
                PreemptionBound = strategy == "dfs" ? options.PreemptionBound : null,
                FindingFilter = target.IsFinding,
            });
            if (!report.FoundBug) continue;
            schedules.Add(report.Bugs[0].Trace.Iteration + 1);
            seconds.Add(report.Elapsed.TotalSeconds);
        }

        return schedules.Count == 0
            ? new KillCell(strategy, options.Seeds, 0, null, null)
            : new KillCell(strategy, options.Seeds, schedules.Count, Median.Of(schedules), Median.Of(seconds));
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

// SPDX-License-Identifier: GPL-2.0-only
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MmuNotifier.Verification.Cli.Bench.Kill;

/// <summary>The kill matrix as one JSON object (for `bench kill --json`).</summary>
internal static class KillMatrixJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(KillMatrixResult result) => JsonSerializer.Serialize(new
    {
        options = new
        {
            strategies = result.Options.Budget.Strategies,
            seeds = result.Options.Budget.Seeds,
            maxSchedules = result.Options.Budget.MaxSchedules,
            maxSeconds = result.Options.Budget.MaxTime?.TotalSeconds,
            preemptionBound = result.Options.Budget.PreemptionBound,
            stressSeconds = result.Options.StressTime.TotalSeconds,
            coyoteSchedules = result.Options.CoyoteSchedules,
            detectorSchedules = result.Options.DetectorSchedules,
        },
        summary = new
        {
            defects = result.Defects,
            rows = result.Rows.Count,
            foundByEngine = result.DefectsFoundByEngine,
            foundByStress = result.DefectsFoundByStress,
            foundByCoyote = result.Options.CoyoteSchedules == 0 ? (int?)null : result.DefectsFoundByCoyote,
            foundByStrategy = result.Options.Budget.Strategies.ToDictionary(s => s, result.DefectsFoundBy),
            foundByDetector = result.Options.DetectorSchedules == 0
                ? null
                : Engine.Checking.FindingSource.All.ToDictionary(s => s.Name, s => result.DefectsFoundByDetector(s.Name)),
            medianSecondsOfBest = result.Rows.Any(r => r.Best is not null)
                ? Median.Of(result.Rows.Where(r => r.Best is not null).Select(r => r.Best!.MedianSeconds!.Value))
                : (double?)null,
        },
        rows = result.Rows.Select(r => new
        {
            defect = r.Defect,
            program = r.Program,
            mustBeFound = r.MustBeFound,
            cells = r.Cells,
            detectors = result.Options.DetectorSchedules == 0 ? null : r.Detectors,
            best = r.Best?.Strategy,
            stress = r.Stress,
            coyote = result.Options.CoyoteSchedules == 0 ? null : r.CoyoteCells,
        }),
    }, Options);
}

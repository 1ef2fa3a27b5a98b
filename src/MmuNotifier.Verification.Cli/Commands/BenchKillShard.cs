// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text.Json;
using MmuNotifier.Verification.Cli.Bench.Kill;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using MmuNotifier.Verification.Models.KillMatrix;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `bench kill --shard`: the matrix's rows (one per defect × scenario, each with all its strategy,
/// Coyote and detector cells and its stress baseline) are the unit; row i belongs to shard
/// i mod N. A shard's report holds each of its rows whole, under its number; `merge` puts the
/// rows back in order and prints the single run's matrix. Schedule counts and found/seeds are the
/// single run's (each cell is a function of its seeds); seconds are what each shard measured.
/// </summary>
internal static class BenchKillShard
{
    public const string Name = "bench kill";

    private const string RowKey = "row";
    private const string NumberKey = "number";

    private static readonly JsonSerializerOptions RowJson = new() { WriteIndented = false };

    /// <summary>Everything that decides the rows and their cells; the targets' names too, so shards over different models/ are refused.</summary>
    public static IReadOnlyDictionary<string, string> Settings(KillMatrixOptions options, IReadOnlyList<string> defects, IReadOnlyList<KillTarget> targets) =>
        new Dictionary<string, string>
        {
            ["strategies"] = string.Join(",", options.Budget.Strategies),
            ["seeds"] = Text(options.Budget.Seeds),
            ["maxSchedules"] = Text(options.Budget.MaxSchedules),
            ["maxSeconds"] = Text(options.Budget.MaxTime!.Value.TotalSeconds),
            ["preemptionBound"] = Text(options.Budget.PreemptionBound),
            ["stressSeconds"] = Text(options.StressTime.TotalSeconds),
            ["coyoteSchedules"] = Text(options.CoyoteSchedules),
            ["detectorSchedules"] = Text(options.DetectorSchedules),
            ["defects"] = string.Join(",", defects),
            ["targets"] = string.Join(";", targets.Select(Label)),
        };

    public static KillMatrixOptions FromSettings(ShardReport report)
    {
        var defaults = KillMatrixOptions.Default;
        var strategies = report.Setting("strategies");
        return defaults with
        {
            Budget = defaults.Budget with
            {
                Strategies = strategies.Length == 0 ? [] : strategies.Split(','),
                Seeds = (int)Whole(report, "seeds", int.MaxValue),
                MaxSchedules = Whole(report, "maxSchedules", long.MaxValue),
                MaxTime = TimeSpan.FromSeconds(Seconds(report, "maxSeconds")),
                PreemptionBound = (int)Whole(report, "preemptionBound", int.MaxValue),
            },
            StressTime = TimeSpan.FromSeconds(Seconds(report, "stressSeconds")),
            CoyoteSchedules = (uint)Whole(report, "coyoteSchedules", uint.MaxValue),
            DetectorSchedules = Whole(report, "detectorSchedules", long.MaxValue),
        };
    }

    /// <summary>One report entry per row of the shard, named "defect on program", holding the row's number and the row.</summary>
    public static ShardProgram Program(int number, KillRow row, double seconds) =>
        new($"{row.Defect} on {row.Program}", null, seconds, null, new Dictionary<string, string>
        {
            [NumberKey] = Text(number),
            [RowKey] = JsonSerializer.Serialize(row, RowJson),
        });

    /// <summary>The single run's matrix: every row of every shard at its number, each number exactly once and owned by its shard.</summary>
    public static KillMatrixResult Merge(IReadOnlyList<ShardReport> reports, KillMatrixOptions options)
    {
        var labels = reports[0].Setting("targets") is { Length: > 0 } t ? t.Split(';') : [];
        var rows = new KillRow?[labels.Length];
        foreach (var report in reports)
        {
            for (var i = 0; i < report.Programs.Count; i++)
            {
                var place = $"$.programs[{i}].result";
                var values = report.Programs[i].Result ?? throw new UsageException($"{report.File}: at $.programs[{i}]: expected a 'result', found none");
                var number = (int)Whole(report, place + "." + NumberKey, Get(values, report, place, NumberKey), labels.Length - 1);
                if (!report.Shard.Owns(number))
                    throw new UsageException($"{report.File}: at {place}.{NumberKey}: row {number} belongs to shard {number % report.Shard.Count}/{report.Shard.Count}, not to this shard {report.Shard}");
                if (rows[number] is not null)
                    throw new UsageException($"{report.File}: at {place}.{NumberKey}: row {number} is in this report twice");
                var row = ReadRow(report, place, Get(values, report, place, RowKey));
                if (Label(row) != labels[number])
                    throw new UsageException($"{report.File}: at {place}.{RowKey}: expected row {number} to be {labels[number]}, found {Label(row)}");
                rows[number] = row;
            }
        }

        for (var n = 0; n < rows.Length; n++)
            if (rows[n] is null)
                throw new UsageException($"{reports[(int)(n % reports.Count)].File}: at $.programs: missing row {n} ({labels[n]}), which this shard owns");
        return new KillMatrixResult(options, rows.Select(r => r!).ToList());
    }

    private static string Label(KillTarget target) => $"{target.Defect}@{target.Program}";

    private static string Label(KillRow row) => $"{row.Defect}@{row.Program}";

    private static KillRow ReadRow(ShardReport report, string place, string text)
    {
        try
        {
            var row = JsonSerializer.Deserialize<KillRow>(text, RowJson);
            if (row is { Defect: not null, Program: not null, Cells: not null, Detectors: not null, CoyoteCells: not null }) return row;
        }
        catch (JsonException e)
        {
            throw new UsageException($"{report.File}: at {place}.{RowKey}: expected a kill-matrix row as JSON, found text that is not one ({e.Message.Split('.')[0]})");
        }

        throw new UsageException($"{report.File}: at {place}.{RowKey}: expected a kill-matrix row with defect, program and cells, found one without");
    }

    private static string Get(IReadOnlyDictionary<string, string> values, ShardReport report, string place, string key) =>
        values.TryGetValue(key, out var value) ? value : throw new UsageException($"{report.File}: at {place}: missing '{key}'");

    private static long Whole(ShardReport report, string name, long max) => Whole(report, "$.settings." + name, report.Setting(name), max);

    private static long Whole(ShardReport report, string place, string text, long max) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new UsageException($"{report.File}: at {place}: expected a whole number from 0 to {max}, found '{text}'");

    private static double Seconds(ShardReport report, string name) =>
        double.TryParse(report.Setting(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1e9
            ? value
            : throw new UsageException($"{report.File}: at $.settings.{name}: expected seconds (a number of 0 or more), found '{report.Setting(name)}'");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

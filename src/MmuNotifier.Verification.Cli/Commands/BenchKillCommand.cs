// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Cli.Bench;
using MmuNotifier.Verification.Cli.Bench.Kill;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Output.Html;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using MmuNotifier.Verification.Models.KillMatrix;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>`bench kill`: which strategy finds which defect, how fast, against a real-thread stress loop.</summary>
internal static class BenchKillCommand
{
    public static Command Create(CliContext context)
    {
        var defaults = KillMatrixOptions.Default;
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per strategy (1..N)", DefaultValueFactory = _ => defaults.Budget.Seeds }.Positive();
        var maxSchedules = new Option<long>("--max-schedules") { Description = "Schedules per defect, strategy and seed", DefaultValueFactory = _ => defaults.Budget.MaxSchedules }.Positive();
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Seconds per defect, strategy and seed", DefaultValueFactory = _ => defaults.Budget.MaxTime!.Value.TotalSeconds }.Seconds(allowZero: false);
        var stressSeconds = new Option<double>("--stress-seconds") { Description = "Seconds of real-thread stress per defect (0 skips it)", DefaultValueFactory = _ => defaults.StressTime.TotalSeconds }.Seconds(allowZero: true);
        var bound = new Option<int>("--preemption-bound") { Description = "Preemption bound of dfs", DefaultValueFactory = _ => defaults.Budget.PreemptionBound }.NonNegative();
        var strategies = new Option<string[]>("--strategy") { Description = "Strategies to run (repeatable)", DefaultValueFactory = _ => [.. defaults.Budget.Strategies] };
        var defects = new Option<string[]>("--defect") { Description = "Only these defects (repeatable)" };
        var html = new Option<string?>("--html") { Description = "Also write the matrix as an HTML report with an SVG chart to this file" };
        // Coyote counts schedules in 32 bits; 0 skips the Coyote columns.
        var coyote = new Option<long>("--coyote-schedules") { Description = "Schedules per defect, Coyote strategy and seed under Coyote's TestingEngine (0 skips the Coyote columns)", DefaultValueFactory = _ => defaults.CoyoteSchedules }.InRange(0, uint.MaxValue);
        var detectorSchedules = new Option<long>("--detector-schedules") { Description = "Schedules per defect, detector column, strategy and seed of the detector hunts (0 skips the detector table)", DefaultValueFactory = _ => defaults.DetectorSchedules }.NonNegative();
        var coverage = CoverageOutput.CreateOption();
        var sharding = new ShardOptionSet();
        var command = new Command("kill", "Kill matrix: every catalogued defect on each scenario it shows on × strategy over seeds, and a stress baseline");
        foreach (var option in new Option[] { json, seeds, maxSchedules, maxSeconds, stressSeconds, bound, strategies, defects, coyote, detectorSchedules, html, coverage })
            command.Options.Add(option);
        sharding.AddTo(command);
        command.SetAction(parse => Run(context, parse.GetValue(json), defaults with
        {
            Budget = defaults.Budget with
            {
                Seeds = parse.GetValue(seeds),
                MaxSchedules = parse.GetValue(maxSchedules),
                MaxTime = OptionChecks.Seconds("--max-seconds", parse.GetValue(maxSeconds), allowZero: false),
                PreemptionBound = parse.GetValue(bound),
                Strategies = Canonical(parse.GetValue(strategies) ?? [], parse.GetResult(bound) is { Implicit: false }),
                RecordCoverage = parse.GetResult(coverage) is not null,
            },
            StressTime = OptionChecks.Seconds("--stress-seconds", parse.GetValue(stressSeconds), allowZero: true),
            CoyoteSchedules = (uint)parse.GetValue(coyote),
            DetectorSchedules = parse.GetValue(detectorSchedules),
        }, parse.GetValue(defects) ?? [], parse.GetValue(html), sharding.Read(parse), CoverageOutput.From(parse, coverage)));
        return command;
    }

    private static int Run(CliContext context, bool json, KillMatrixOptions options, string[] only, string? htmlPath, (Shard? Shard, string? Report) sharding,
        CoverageOutput? coverage)
    {
        if (htmlPath is not null) OutputFile.Require("--html", htmlPath);
        var wanted = only.Length == 0 ? null : DefectTargets.Resolve(only).Select(d => d.Name).ToList();
        var targets = KillTarget.All(ScenarioTargets.RequireCatalog()).Where(t => wanted is null || wanted.Contains(t.Defect)).ToList();

        Action<string>? log = context.Interactive || !json ? message => context.Err.WriteLine($"kill: {message}") : null;
        if (sharding is not ({ } shard, { } reportPath))
        {
            var result = KillMatrixRunner.Run(targets, options, log);
            coverage?.Add(result.Coverage, result.CoverageSchedules);
            return Print(context, json, result, htmlPath, coverage);
        }

        // Row i is shard i mod N's; each row is run alone so the report can say what it took.
        var programs = new List<ShardProgram>();
        var rows = new List<KillRow>();
        for (var i = 0; i < targets.Count; i++)
        {
            if (!shard.Owns(i)) continue;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var one = KillMatrixRunner.Run([targets[i]], options, log);
            coverage?.Add(one.Coverage, one.CoverageSchedules);
            var row = one.Rows[0];
            rows.Add(row);
            programs.Add(BenchKillShard.Program(i, row, clock.Elapsed.TotalSeconds));
        }

        var code = Print(context, json, new KillMatrixResult(options, rows), htmlPath, coverage);
        ShardReportFile.Save(reportPath, new ShardReport(BenchKillShard.Name, BenchKillShard.Settings(options, wanted ?? [], targets), shard, code, false, programs));
        context.Err.WriteLine($"report: {reportPath} (shard {shard}: ran the rows n with n mod {shard.Count} = {shard.Index}, {rows.Count} of {targets.Count}; '{CliApp.Name} merge' of every shard's report gives the matrix)");
        return code;
    }

    /// <summary>`merge` of `bench kill` shards: the single run's matrix (its table, or with --json its JSON object).</summary>
    internal static int Merge(CliContext context, IReadOnlyList<ShardReport> reports, bool json)
    {
        var options = BenchKillShard.FromSettings(reports[0]);
        return Print(context, json, BenchKillShard.Merge(reports, options), null, null);
    }

    private static int Print(CliContext context, bool json, KillMatrixResult result, string? htmlPath, CoverageOutput? coverage)
    {
        var options = result.Options;
        var budget = options.Budget;
        var how = $"{budget.Seeds} seeds per strategy, at most {budget.MaxSchedules:N0} schedules and {Num(budget.MaxTime!.Value.TotalSeconds)} s per seed, dfs preemption bound {budget.PreemptionBound}; stress {Num(options.StressTime.TotalSeconds)} s per defect" +
                  (options.CoyoteSchedules == 0 ? "" : $"; Coyote's TestingEngine at most {options.CoyoteSchedules:N0} schedules per seed") +
                  (options.DetectorSchedules == 0 ? "" : $"; each detector's own hunt at most {options.DetectorSchedules:N0} schedules per strategy and seed");
        if (htmlPath is not null)
        {
            HtmlReport.Write(htmlPath, "Kill matrix", how + $". Found by the engine: {result.DefectsFoundByEngine}/{result.Defects} defects; by the stress baseline: {result.DefectsFoundByStress}/{result.Defects}.",
                coverage is null ? [KillMatrixChart.Render(result)] : [KillMatrixChart.Render(result), CoverageHtml.Section(coverage.Result())]);
        }

        if (json)
        {
            context.Out.WriteLine(KillMatrixJson.Write(result));
            coverage?.Write(context, table: false);
            return ExitCodes.Ok;
        }

        context.Out.WriteLine(how);
        context.Out.WriteLine("cells: seeds that found it / seeds, median schedules to the first finding, median seconds to it");
        var table = TableWriter.New(context);
        table.AddColumn("defect");
        table.AddColumn("program");
        foreach (var strategy in budget.Strategies) table.AddColumn(strategy);
        if (options.CoyoteSchedules > 0)
            foreach (var strategy in KillMatrixOptions.CoyoteStrategies) table.AddColumn($"coyote {strategy}");
        table.AddColumn("stress");
        foreach (var row in result.Rows)
        {
            var cells = new List<string> { row.MustBeFound ? row.Defect : $"{row.Defect} (not a bug)", row.Program };
            cells.AddRange(row.Cells.Select(Cell));
            cells.AddRange(row.CoyoteCells.Select(Cell));
            cells.Add(row.Stress is null ? "-" : row.Stress.Found ? $"found after {Num(row.Stress.SecondsToFirstBug ?? 0)} s" : $"missed ({row.Stress.Iterations:N0} runs)");
            table.AddRow(cells.ToArray());
        }

        TableWriter.Write(context, table);
        context.Out.WriteLine($"found by the engine: {result.DefectsFoundByEngine}/{result.Defects} defects; by the stress baseline: {result.DefectsFoundByStress}/{result.Defects}" +
                              (options.CoyoteSchedules == 0 ? "" : $"; by Coyote: {result.DefectsFoundByCoyote}/{result.Defects}") +
                              (result.Rows.Any(r => !r.MustBeFound) ? " (defects marked 'not a bug' are run but not counted)" : ""));
        if (options.DetectorSchedules > 0) PrintDetectors(context, result);
        coverage?.Write(context);
        // Not with --json: stdout is one JSON object then, and stderr is for errors only.
        if (htmlPath is not null) context.Out.WriteLine($"report written to {htmlPath}");
        return ExitCodes.Ok;
    }

    /// <summary>The detector table: per row, one column per finding source, each from its own hunt.</summary>
    private static void PrintDetectors(CliContext context, KillMatrixResult result)
    {
        context.Out.WriteLine();
        context.Out.WriteLine("per detector, each its own hunt with only that detector on and only its findings counting (checks: assertions, invariants, WARN/BUG, " +
                              "sleeping in atomic; deadlock and liveness: the engine's own): attempts (strategy x seed) that found it / attempts, median schedules to the first finding (fewest)");
        var table = TableWriter.New(context);
        table.AddColumn("defect");
        table.AddColumn("program");
        foreach (var source in FindingSource.All) table.AddColumn(source.Name);
        foreach (var row in result.Rows)
        {
            var cells = new List<string> { row.MustBeFound ? row.Defect : $"{row.Defect} (not a bug)", row.Program };
            cells.AddRange(row.Detectors.Select(DetectorCellText));
            table.AddRow(cells.ToArray());
        }

        TableWriter.Write(context, table);
        context.Out.WriteLine("defects found by each detector: " + string.Join(", ", FindingSource.All.Select(s => $"{s.Name} {result.DefectsFoundByDetector(s.Name)}/{result.Defects}")));
    }

    private static string DetectorCellText(DetectorCell cell) => cell.Found == 0
        ? $"0/{cell.Attempts}"
        : $"{cell.Found}/{cell.Attempts}, {Num(cell.MedianSchedules!.Value)} ({cell.FewestSchedules:N0})";

    private static string Cell(KillCell cell) => cell.Found == 0
        ? $"0/{cell.Seeds}"
        : $"{cell.Found}/{cell.Seeds}, {Num(cell.MedianSchedules!.Value)}, {cell.MedianSeconds!.Value.ToString("F3", CultureInfo.InvariantCulture)}";

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The columns' strategies; a --preemption-bound given for none that reads it (the dfs column's) is refused.</summary>
    private static IReadOnlyList<string> Canonical(string[] names, bool boundGiven)
    {
        List<StrategyDescriptor> chosen;
        try
        {
            // A portfolio mixes the single strategies and is not a default column, but it is test's
            // default strategy, so it may be asked for: the column a user of plain `test` gets.
            chosen = names.Select(StrategyRegistry.Find).Distinct().ToList();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--strategy: {e.Message}");
        }

        if (boundGiven)
            OptionChecks.RequireRead("--preemption-bound", chosen, "--strategy " + string.Join(", ", chosen.Select(d => d.Name)), d => d.TakesPreemptionBound);
        return chosen.Select(d => d.Name).ToList();
    }
}

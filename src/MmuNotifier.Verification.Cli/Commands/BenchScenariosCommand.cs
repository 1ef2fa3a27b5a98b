// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using MmuNotifier.Verification.Cli.Bench;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Output.Html;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `bench scenarios`: schedules/s, steps/s and bytes allocated per schedule of every scenario in
/// models/ (random, 1 worker), with the detectors chosen. Each comparison runs its two sides
/// alternately in one run, so that load from other processes hits both alike, and quotes medians:
/// `--workers N` against 1 worker (the speedup), `--compare-detectors` against no detector (their cost).
/// </summary>
internal static class BenchScenariosCommand
{
    public static Command Create(CliContext context)
    {
        var iterations = new Option<long>("--iterations", "-i") { Description = "Schedules per scenario and round", DefaultValueFactory = _ => 20_000 }.Positive();
        var workers = new Option<int>("--workers") { Description = "Also measure on this many workers and report the speedup over 1 (1: one worker only)", DefaultValueFactory = _ => 1 }.Workers();
        var rounds = new Option<int?>("--rounds") { Description = "Rounds per scenario, medians reported (default 1; 3 with --compare-detectors)" }.Positive();
        var scenarios = new Option<string[]>("--scenario") { Description = "Scenario to run (repeatable; default: every scenario of models/)" };
        var noDetector = DetectorOption.Create();
        var compare = new Option<bool>("--compare-detectors") { Description = "Also run every scenario with no detector, alternating, and print the steps/s ratio" };
        var html = new Option<string?>("--html") { Description = "Also write the throughput as an HTML report with SVG bar charts to this file" };
        var command = new Command("scenarios", "Exploration speed on each scenario in models/ (random strategy, 1 worker; --workers N adds N)");
        foreach (var option in new Option[] { iterations, workers, rounds, scenarios, noDetector, compare, html }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var comparing = parse.GetValue(compare);
            var settings = new BenchScenariosSettings(
                parse.GetValue(iterations),
                parse.GetValue(workers),
                parse.GetValue(rounds) ?? (comparing ? 3 : 1),
                DetectorOption.Read(parse.GetValue(noDetector)),
                comparing);
            return Run(context, settings, parse.GetValue(scenarios) ?? [], parse.GetValue(html));
        });
        return command;
    }

    private sealed record BenchScenariosSettings(long Iterations, int Workers, int Rounds, Detectors Detectors, bool CompareDetectors);

    private static int Run(CliContext context, BenchScenariosSettings settings, string[] names, string? htmlPath)
    {
        if (htmlPath is not null) OutputFile.Require("--html", htmlPath);
        var (iterations, workers, rounds, detectors, compare) = settings;
        var scenarios = names.Length == 0 ? ScenarioTargets.RequireCatalog().All.ToList() : ScenarioTargets.RequireAll("--scenario", names);
        var table = TableWriter.New(context);
        table.AddColumn("scenario");
        foreach (var column in new[] { "schedules/s", "steps/s", "steps/schedule", "distinct", "bytes/schedule" })
            table.AddColumn(new TableColumn(column).RightAligned());
        if (workers > 1)
        {
            // Short headers: with the longest scenario name the table stays inside plain output's 160 columns.
            table.AddColumn(new TableColumn($"{workers}-worker sched/s").RightAligned());
            table.AddColumn(new TableColumn("speedup").RightAligned());
            table.AddColumn(new TableColumn("machine").RightAligned());
            table.AddColumn(new TableColumn("branchy").RightAligned());
        }

        if (compare)
        {
            table.AddColumn(new TableColumn("steps/s, no detector").RightAligned());
            table.AddColumn(new TableColumn("off/on").RightAligned());
        }

        var rows = new List<(string Scenario, double SchedulesPerSecond, double StepsPerSecond)>();
        var ratios = new List<double>();
        var warmUps = new List<WarmUpResult>();
        var progress = BenchProgress.For(context, "scenarios", scenarios.Count);
        foreach (var scenario in scenarios)
        {
            progress.Row(scenario.Name);
            var program = ScenarioProgram.Build(scenario);
            var options = new ExplorationOptions { Iterations = iterations, Strategy = "random", Seed = 1, StopAtFirstBug = false, Detectors = detectors };
            // Each scenario runs code of its own (its drivers, its core-MM paths): warm that up on
            // every side measured, or the first round of whichever side goes first pays its JIT tiering.
            warmUps.Add(WarmUp.Explore(program, options));
            if (workers > 1) warmUps.Add(WarmUp.Explore(program, options, workers));
            if (compare) warmUps.Add(WarmUp.Explore(program, options with { Detectors = Detectors.None }));

            var one = new List<(ExplorationReport Report, double Bytes)>();
            var many = new List<double>();
            var ceiling = new List<MachineCeiling>();
            var off = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which side goes first, so drift in the machine's load hits both alike.
                var manyFirst = round % 2 == 1;
                if (workers > 1) ceiling.Add(MachineScaling.Measure(workers));
                if (workers > 1 && manyFirst) many.Add(Explorer.Explore(program, options with { Workers = workers }).IterationsPerSecond);
                if (compare && manyFirst) off.Add(Explorer.Explore(program, options with { Detectors = Detectors.None }).StepsPerSecond);
                one.Add(AllocationMeter.Measure(() => Explorer.Explore(program, options), r => r.Iterations));
                if (workers > 1 && !manyFirst) many.Add(Explorer.Explore(program, options with { Workers = workers }).IterationsPerSecond);
                if (compare && !manyFirst) off.Add(Explorer.Explore(program, options with { Detectors = Detectors.None }).StepsPerSecond);
            }

            var report = one[0].Report;
            var oneRate = Median.Of(one.Select(r => r.Report.IterationsPerSecond));
            var stepRate = Median.Of(one.Select(r => r.Report.StepsPerSecond));
            rows.Add((scenario.Name, oneRate, stepRate));
            var cells = new List<string>
            {
                scenario.Name, Rate(oneRate), Rate(stepRate),
                Rate(report.Iterations == 0 ? 0 : (double)report.TotalSteps / report.Iterations), Rate(report.DistinctSchedules),
                Rate(Median.Of(one.Select(r => r.Bytes))),
            };
            if (workers > 1)
            {
                var manyRate = Median.Of(many);
                cells.Add(Rate(manyRate));
                cells.Add(oneRate == 0 ? "-" : Ratio(Median.OfRatios(many, one.Select(r => r.Report.IterationsPerSecond).ToList())));
                cells.Add(Ratio(Median.Of(ceiling.Select(c => c.Alu))));
                cells.Add(Ratio(Median.Of(ceiling.Select(c => c.Branchy))));
            }

            if (compare)
            {
                var offRate = Median.Of(off);
                var ratio = Median.OfRatios(off, one.Select(r => r.Report.StepsPerSecond).ToList());
                ratios.Add(ratio);
                cells.Add(Rate(offRate));
                cells.Add(Ratio(ratio));
            }

            table.AddRow(cells.ToArray());
        }

        var how = $"random strategy, seed 1, {iterations:N0} schedules per scenario and round, medians of {rounds} round(s), " +
                  $"1 worker{(workers > 1 ? $" and {workers} workers alternating" : "")}; {Environment.ProcessorCount} cores; detectors: {Names(detectors)}" +
                  (compare ? "; alternating with and without detectors" : "") +
                  (workers > 1 || compare ? "; ratios are medians of the per-round ratios" : "") +
                  (workers > 1 ? $"; machine and branchy: what {workers} threads of a loop sharing nothing get over 1 in the same rounds, the ceiling for the speedup " +
                                   "(machine: a loop of register operations; branchy: loads, stores and unpredictable branches over a cache-sized table, which a host core shared with another tenant slows as it slows an engine)" : "");
        context.Out.WriteLine(how);
        TableWriter.Write(context, table);
        if (WarmUpResult.Note(warmUps) is { } note) context.Out.WriteLine(note);
        if (compare)
            context.Out.WriteLine($"detector cost: no-detector steps/s over with-detector steps/s, median over scenarios {Ratio(Median.Of(ratios))}, worst {Ratio(ratios.DefaultIfEmpty().Max())}");
        if (htmlPath is not null)
        {
            HtmlReport.Write(htmlPath, "Exploration throughput per scenario", how + "; wall-clock rates on a shared machine, read them as ratios",
            [
                SvgBarChart.Render("schedules per second by scenario", "schedules/s", rows.Select(r => (r.Scenario, r.SchedulesPerSecond)).ToList()),
                SvgBarChart.Render("steps per second by scenario", "steps/s", rows.Select(r => (r.Scenario, r.StepsPerSecond)).ToList()),
            ]);
            context.Out.WriteLine($"report written to {htmlPath}");
        }

        return ExitCodes.Ok;
    }

    private static string Names(Detectors detectors) =>
        detectors == Detectors.None ? "none" : string.Join(", ", DetectorNames.All.Where(d => (detectors & d.Flag) != 0).Select(d => d.Name));

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}

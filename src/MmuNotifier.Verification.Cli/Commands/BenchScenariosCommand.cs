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
/// `bench scenarios`: schedules/s and steps/s of every scenario in models/ (random, 1 worker), with
/// the detectors chosen; with --compare-detectors, the same scenario with those detectors and with
/// none, alternating in one run, medians of each and their ratio (the cost of the detectors).
/// </summary>
internal static class BenchScenariosCommand
{
    public static Command Create(CliContext context)
    {
        var iterations = new Option<long>("--iterations", "-i") { Description = "Schedules per scenario", DefaultValueFactory = _ => 20_000 };
        var noDetector = DetectorOption.Create();
        var compare = new Option<bool>("--compare-detectors") { Description = "Also run every scenario with no detector, alternating, and print the steps/s ratio" };
        var rounds = new Option<int>("--rounds") { Description = "With --compare-detectors: alternating rounds per scenario (medians are quoted)", DefaultValueFactory = _ => 3 };
        var command = new Command("scenarios", "Exploration speed on each scenario in models/ (random strategy, 1 worker)");
        var html = new Option<string?>("--html") { Description = "Also write the throughput as an HTML report with SVG bar charts to this file" };
        command.Options.Add(iterations);
        command.Options.Add(html);
        command.Options.Add(noDetector);
        command.Options.Add(compare);
        command.Options.Add(rounds);
        command.SetAction(parse => Run(context, parse.GetValue(iterations), DetectorOption.Read(parse.GetValue(noDetector)),
            parse.GetValue(compare) ? OptionChecks.Positive("--rounds", parse.GetValue(rounds)) : 0, parse.GetValue(html)));
        return command;
    }

    private static int Run(CliContext context, long iterations, Detectors detectors, int rounds, string? htmlPath)
    {
        OptionChecks.Positive("--iterations", iterations);
        if (htmlPath is not null) OutputFile.Require("--html", htmlPath);
        var rows = new List<(string Scenario, double SchedulesPerSecond, double StepsPerSecond)>();
        var catalog = ScenarioTargets.RequireCatalog();
        var table = TableWriter.New(context);
        table.AddColumn("scenario");
        table.AddColumn(new TableColumn("schedules/s").RightAligned());
        table.AddColumn(new TableColumn("steps/s").RightAligned());
        table.AddColumn(new TableColumn("steps/schedule").RightAligned());
        table.AddColumn(new TableColumn("distinct").RightAligned());
        if (rounds > 0)
        {
            table.AddColumn(new TableColumn("steps/s, no detector").RightAligned());
            table.AddColumn(new TableColumn("off/on").RightAligned());
        }

        var warmed = false;
        var ratios = new List<double>();
        foreach (var scenario in catalog.All)
        {
            var program = ScenarioProgram.Build(scenario);
            var options = new ExplorationOptions { Iterations = iterations, Strategy = "random", Seed = 1, StopAtFirstBug = false, Detectors = detectors };
            if (!warmed)
            {
                Explorer.Explore(program, options with { Iterations = Math.Min(iterations, 2_000) });
                Explorer.Explore(program, options with { Iterations = Math.Min(iterations, 2_000), Detectors = Detectors.None });
                warmed = true;
            }

            if (rounds == 0)
            {
                var report = Explorer.Explore(program, options);
                rows.Add((scenario.Name, report.IterationsPerSecond, report.StepsPerSecond));
                table.AddRow(scenario.Name, Rate(report.IterationsPerSecond), Rate(report.StepsPerSecond),
                    Rate(report.Iterations == 0 ? 0 : (double)report.TotalSteps / report.Iterations), Rate(report.DistinctSchedules));
                continue;
            }

            // A and B alternate so that the machine's load falls on both alike; the medians are compared.
            var on = new List<ExplorationReport>();
            var off = new List<ExplorationReport>();
            for (var round = 0; round < rounds; round++)
            {
                on.Add(Explorer.Explore(program, options));
                off.Add(Explorer.Explore(program, options with { Detectors = Detectors.None }));
            }

            var onRate = Median.Of(on.Select(r => r.StepsPerSecond));
            var offRate = Median.Of(off.Select(r => r.StepsPerSecond));
            var ratio = onRate > 0 ? offRate / onRate : 0;
            ratios.Add(ratio);
            var first = on[0];
            rows.Add((scenario.Name, Median.Of(on.Select(r => r.IterationsPerSecond)), onRate));
            table.AddRow(scenario.Name, Rate(Median.Of(on.Select(r => r.IterationsPerSecond))), Rate(onRate),
                Rate(first.Iterations == 0 ? 0 : (double)first.TotalSteps / first.Iterations), Rate(first.DistinctSchedules),
                Rate(offRate), Ratio(ratio));
        }

        var how = $"random strategy, seed 1, {iterations:N0} schedules per scenario, 1 worker, detectors: {Names(detectors)}" +
                  (rounds > 0 ? $"; {rounds} alternating rounds with and without detectors, medians" : "");
        context.Out.WriteLine(how);
        TableWriter.Write(context, table);
        if (htmlPath is not null)
        {
            HtmlReport.Write(htmlPath, "Exploration throughput per scenario", how + "; wall-clock rates on a shared machine, read them as ratios",
            [
                SvgBarChart.Render("schedules per second by scenario", "schedules/s", rows.Select(r => (r.Scenario, r.SchedulesPerSecond)).ToList()),
                SvgBarChart.Render("steps per second by scenario", "steps/s", rows.Select(r => (r.Scenario, r.StepsPerSecond)).ToList()),
            ]);
            context.Out.WriteLine($"report written to {htmlPath}");
        }
        if (rounds > 0)
            context.Out.WriteLine($"detector cost: no-detector steps/s over with-detector steps/s, median over scenarios {Ratio(Median.Of(ratios))}, worst {Ratio(ratios.DefaultIfEmpty().Max())}");
        return ExitCodes.Ok;
    }

    private static string Names(Detectors detectors) =>
        detectors == Detectors.None ? "none" : string.Join(", ", DetectorNames.All.Where(d => (detectors & d.Flag) != 0).Select(d => d.Name));

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";
}

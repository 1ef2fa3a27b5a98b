// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Output.Html;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>`bench scenarios`: schedules/s and steps/s of every scenario in models/ (random, 1 worker).</summary>
internal static class BenchScenariosCommand
{
    public static Command Create(CliContext context)
    {
        var iterations = new Option<long>("--iterations", "-i") { Description = "Schedules per scenario", DefaultValueFactory = _ => 20_000 };
        var command = new Command("scenarios", "Exploration speed on each scenario in models/ (random strategy, 1 worker)");
        var html = new Option<string?>("--html") { Description = "Also write the throughput as an HTML report with SVG bar charts to this file" };
        command.Options.Add(iterations);
        command.Options.Add(html);
        command.SetAction(parse => Run(context, parse.GetValue(iterations), parse.GetValue(html)));
        return command;
    }

    private static int Run(CliContext context, long iterations, string? htmlPath)
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
        var warmed = false;
        foreach (var scenario in catalog.All)
        {
            var program = ScenarioProgram.Build(scenario);
            var options = new ExplorationOptions { Iterations = iterations, Strategy = "random", Seed = 1, StopAtFirstBug = false };
            if (!warmed)
            {
                Explorer.Explore(program, options with { Iterations = Math.Min(iterations, 2_000) });
                warmed = true;
            }

            var report = Explorer.Explore(program, options);
            rows.Add((scenario.Name, report.IterationsPerSecond, report.StepsPerSecond));
            table.AddRow(scenario.Name, Rate(report.IterationsPerSecond), Rate(report.StepsPerSecond),
                Rate(report.Iterations == 0 ? 0 : (double)report.TotalSteps / report.Iterations), Rate(report.DistinctSchedules));
        }

        var how = $"random strategy, seed 1, {iterations:N0} schedules per scenario, 1 worker";
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
        return ExitCodes.Ok;
    }

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

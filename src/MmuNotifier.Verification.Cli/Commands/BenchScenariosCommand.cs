// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using MmuNotifier.Verification.Cli.Output;
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
        command.Options.Add(iterations);
        command.SetAction(parse => Run(context, parse.GetValue(iterations)));
        return command;
    }

    private static int Run(CliContext context, long iterations)
    {
        OptionChecks.Positive("--iterations", iterations);
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
            table.AddRow(scenario.Name, Rate(report.IterationsPerSecond), Rate(report.StepsPerSecond),
                Rate(report.Iterations == 0 ? 0 : (double)report.TotalSteps / report.Iterations), Rate(report.DistinctSchedules));
        }

        context.Out.WriteLine($"random strategy, seed 1, {iterations:N0} schedules per scenario, 1 worker");
        TableWriter.Write(context, table);
        return ExitCodes.Ok;
    }

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using MmuNotifier.Verification.Cli.Bench;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `bench scenarios`: schedules/s, steps/s and bytes allocated per schedule of every scenario in
/// models/ (random, 1 worker); with `--workers N` also on N workers, the rounds alternating 1 and
/// N so that load from other processes hits both alike, and the median speedup.
/// </summary>
internal static class BenchScenariosCommand
{
    public static Command Create(CliContext context)
    {
        var iterations = new Option<long>("--iterations", "-i") { Description = "Schedules per scenario and round", DefaultValueFactory = _ => 20_000 };
        var workers = new Option<int>("--workers") { Description = "Also measure on this many workers and report the speedup over 1 (1: one worker only)", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per scenario (medians are reported)", DefaultValueFactory = _ => 1 };
        var scenarios = new Option<string[]>("--scenario") { Description = "Scenario to run (repeatable; default: every scenario of models/)" };
        var command = new Command("scenarios", "Exploration speed on each scenario in models/ (random strategy, 1 worker; --workers N adds N)");
        foreach (var option in new Option[] { iterations, workers, rounds, scenarios }) command.Options.Add(option);
        command.SetAction(parse => Run(context, parse.GetValue(iterations), parse.GetValue(workers), parse.GetValue(rounds),
            parse.GetValue(scenarios) ?? []));
        return command;
    }

    private static int Run(CliContext context, long iterations, int workers, int rounds, string[] names)
    {
        OptionChecks.Positive("--iterations", iterations);
        OptionChecks.Positive("--workers", workers);
        OptionChecks.Positive("--rounds", rounds);
        var scenarios = names.Length == 0 ? ScenarioTargets.RequireCatalog().All.ToList() : ScenarioTargets.RequireAll(names);
        var table = TableWriter.New(context);
        table.AddColumn("scenario");
        foreach (var column in new[] { "schedules/s", "steps/s", "steps/schedule", "distinct", "bytes/schedule" })
            table.AddColumn(new TableColumn(column).RightAligned());
        if (workers > 1)
        {
            table.AddColumn(new TableColumn($"schedules/s {workers} workers").RightAligned());
            table.AddColumn(new TableColumn("speedup").RightAligned());
        }

        var warmed = false;
        foreach (var scenario in scenarios)
        {
            var program = ScenarioProgram.Build(scenario);
            var options = new ExplorationOptions { Iterations = iterations, Strategy = "random", Seed = 1, StopAtFirstBug = false };
            if (!warmed)
            {
                Explorer.Explore(program, options with { Iterations = Math.Min(iterations, 2_000) });
                warmed = true;
            }

            var one = new List<(ExplorationReport Report, double Bytes)>();
            var many = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which side goes first, so drift in the machine's load hits both alike.
                if (workers > 1 && round % 2 == 1) many.Add(Explorer.Explore(program, options with { Workers = workers }).IterationsPerSecond);
                one.Add(AllocationMeter.Measure(() => Explorer.Explore(program, options), r => r.Iterations));
                if (workers > 1 && round % 2 == 0) many.Add(Explorer.Explore(program, options with { Workers = workers }).IterationsPerSecond);
            }

            var report = one[0].Report;
            double oneRate = Median.Of(one.Select(r => r.Report.IterationsPerSecond));
            var cells = new List<string>
            {
                scenario.Name, Rate(oneRate), Rate(Median.Of(one.Select(r => r.Report.StepsPerSecond))),
                Rate(report.Iterations == 0 ? 0 : (double)report.TotalSteps / report.Iterations), Rate(report.DistinctSchedules),
                Rate(Median.Of(one.Select(r => r.Bytes))),
            };
            if (workers > 1)
            {
                double manyRate = Median.Of(many);
                cells.Add(Rate(manyRate));
                cells.Add(oneRate == 0 ? "-" : $"{manyRate / oneRate:0.00}x");
            }

            table.AddRow(cells.ToArray());
        }

        context.Out.WriteLine($"random strategy, seed 1, {iterations:N0} schedules per scenario and round, medians of {rounds} round(s), " +
            $"1 worker{(workers > 1 ? $" and {workers} workers alternating" : "")}; {Environment.ProcessorCount} cores");
        TableWriter.Write(context, table);
        return ExitCodes.Ok;
    }

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

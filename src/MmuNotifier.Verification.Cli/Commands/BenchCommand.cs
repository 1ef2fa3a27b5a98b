// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using MmuNotifier.Verification.Cli.Bench;
using MmuNotifier.Verification.Cli.Output;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>`bench`: steps and schedules per second of the engine, and its speed-up on two workers.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var runs = new Option<int>("--runs") { Description = "Measured runs per worker count (the median is reported)", DefaultValueFactory = _ => 5 }.Positive();
        var iterations = new Option<long>("--iterations", "-i") { Description = "Schedules per run", DefaultValueFactory = _ => 20_000 }.Positive();
        var command = new Command("bench", "Measure exploration speed (random strategy, 1 and 2 workers)");
        command.Options.Add(json);
        command.Options.Add(runs);
        command.Options.Add(iterations);
        command.SetAction(parse => Run(context, parse.GetValue(json), parse.GetValue(runs), parse.GetValue(iterations)));
        command.Subcommands.Add(BenchKillCommand.Create(context));
        command.Subcommands.Add(BenchCoyoteCommand.Create(context));
        command.Subcommands.Add(BenchScenariosCommand.Create(context));
        command.Subcommands.Add(BenchFirstBugCommand.Create(context));
        command.Subcommands.Add(BenchLivenessCommand.Create(context));
        return command;
    }

    private static int Run(CliContext context, bool json, int runs, long iterations)
    {

        // Progress lines for a person at a terminal, on stderr so stdout stays pure JSON with --json.
        Action<string>? log = context.Interactive ? message => context.Err.WriteLine($"bench: {message}") : null;
        var result = BenchRunner.Run(runs, iterations, log);
        if (json)
        {
            context.Out.WriteLine(BenchJson.Write(result));
            return ExitCodes.Ok;
        }

        context.Out.WriteLine($"bench body '{result.Benchmark}', strategy {result.Strategy}, {result.IterationsPerRun:N0} schedules per run, median of {result.Runs} run{(result.Runs == 1 ? "" : "s")}, {result.ProcessorCount} cores");
        var table = TableWriter.New(context);
        table.AddColumn("workers");
        table.AddColumn(new TableColumn("steps/s").RightAligned());
        table.AddColumn(new TableColumn("schedules/s").RightAligned());
        table.AddRow("1", Rate(result.StepsPerSecond), Rate(result.IterationsPerSecond));
        table.AddRow("2", Rate(result.TwoWorkerStepsPerSecond), Rate(result.TwoWorkerIterationsPerSecond));
        TableWriter.Write(context, table);
        context.Out.WriteLine($"parallel speed-up (2 workers / 1 worker, schedules/s): {result.ParallelSpeedup.ToString("F2", CultureInfo.InvariantCulture)} " +
            $"(machine: {result.MachineScaling.ToString("F2", CultureInfo.InvariantCulture)} on a loop of register operations, " +
            $"{result.MachineScalingBranchy.ToString("F2", CultureInfo.InvariantCulture)} on a branchy one, what 2 threads of such loops sharing nothing get over 1 in the same runs)");
        return ExitCodes.Ok;
    }

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

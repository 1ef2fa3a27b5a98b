// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Bench;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Coyote;
using MmuNotifier.Verification.Coyote.EntryPoints;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `bench first-bug`: schedules to the first finding of catalogued defects, seeds 1..N, under one
/// strategy of ours and the strategy of the same name in Coyote's TestingEngine (the CoyoteRuntime
/// backend): how the two implementations of random, pct or q-learning compare at finding bugs,
/// not at speed.
/// </summary>
internal static class BenchFirstBugCommand
{
    private static readonly string[] DefaultDefects = ["no-odd-seq-on-start", "remove-no-defer", "put-frees-immediately", "inv-end-no-wakeup"];

    private static readonly string[] CoyoteStrategies = ["random", "pct", "q-learning"];

    public static Command Create(CliContext context)
    {
        var strategy = new Option<string>("--strategy", "-s") { Description = "random, pct or q-learning: ours and Coyote's", DefaultValueFactory = _ => "q-learning" }
            .AcceptOnlyFromAmong(CoyoteStrategies);
        var seeds = new Option<int>("--seeds") { Description = "Seeds 1..N per defect and engine", DefaultValueFactory = _ => 10 }.Positive();
        var budget = new Option<int>("--max-schedules") { Description = "Schedules per (defect, engine, seed) before it counts as missed", DefaultValueFactory = _ => 1000 }.Positive();
        var defects = new Option<string[]>("--defect") { Description = "Catalogued defect (repeatable; default: " + string.Join(", ", DefaultDefects) + "), on the first scenario it shows on" };
        var command = new Command("first-bug", "Schedules to the first finding of catalogued defects under one strategy, ours and Coyote's, seeds 1..N");
        foreach (var option in new Option[] { strategy, seeds, budget, defects }) command.Options.Add(option);
        command.SetAction(parse => Run(context, parse.GetValue(strategy)!, parse.GetValue(seeds), parse.GetValue(budget),
            parse.GetValue(defects) is { Length: > 0 } named ? named : DefaultDefects));
        return command;
    }

    private static int Run(CliContext context, string strategy, int seeds, int budget, string[] names)
    {
        var catalog = ScenarioTargets.RequireCatalog();
        var table = TableWriter.New(context);
        foreach (var column in new[] { "defect", "scenario", "ours found", "ours median", "Coyote found", "Coyote median" })
            table.AddColumn(column is "defect" or "scenario" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        var defects = DefectTargets.Resolve(names);
        var progress = BenchProgress.For(context, "first-bug", defects.Count);
        foreach (var defect in defects)
        {
            var scenario = defect.Scenarios.Select(catalog.Find).OfType<Scenario>().FirstOrDefault()
                ?? throw new UsageException($"--defect: none of the scenarios of {defect.Name} ({string.Join(", ", defect.Scenarios)}) is in {catalog.Directory}");
            progress.Row($"{defect.Name} on {scenario.Name}");
            var ours = Ours(scenario, defect, strategy, seeds, budget);
            var coyote = Coyote(scenario, defect, strategy, seeds, budget);
            table.AddRow(defect.Name, scenario.Name, ours.FoundText, ours.MedianText, coyote.FoundText, coyote.MedianText);
        }

        context.Out.WriteLine($"strategy {strategy} (ours and Coyote's), seeds 1..{seeds}, at most {budget:N0} schedules each; " +
                              "median schedules to the first finding over the seeds that found it (the finding counted by the defect's rule)");
        TableWriter.Write(context, table);
        return ExitCodes.Ok;
    }

    private static SeedTally Ours(Scenario scenario, Defect defect, string strategy, int seeds, int budget)
    {
        var program = ScenarioProgram.Build(scenario, [defect.Name]);
        return SeedTally.Over(seeds, seed =>
        {
            var report = Explorer.Explore(program, new ExplorationOptions
            {
                Strategy = strategy, Seed = seed, Iterations = budget, FindingFilter = defect.FindingFilter,
            });
            return report.Bugs.Count > 0 ? new SeedOutcome(report.Bugs[0].Trace.Iteration + 1) : SeedOutcome.Nothing;
        });
    }

    private static SeedTally Coyote(Scenario scenario, Defect defect, string strategy, int seeds, int budget)
    {
        var program = ScenarioProgram.Build(scenario, [defect.Name]);
        var rule = CoyoteEntry.FindingRule([defect.Name]);
        return SeedTally.Over(seeds, seed =>
        {
            // Coyote stops at its first bug; the schedules it ran then include the buggy one.
            var report = CoyoteExploration.Run(() => CoyoteRuntime.Run(program, rule), (uint)budget, (uint)seed, strategy);
            return report.Bugs.Count > 0 ? new SeedOutcome(report.Schedules) : SeedOutcome.Nothing;
        });
    }
}

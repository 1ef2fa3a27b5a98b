// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Bench;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Coyote;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Defects;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `bench liveness`: our fair strategies with our liveness monitors against Coyote's fair
/// strategies judging the same monitors (CoyoteLiveness), same programs, same step bound, same
/// threshold, seeds 1..N: on how many seeds each finds a liveness bug, and the median schedules
/// to the first. A first finding of another kind (a deadlock, a safety violation) is counted apart.
/// </summary>
internal static class BenchLivenessCommand
{
    private static readonly string[] DefaultPrograms = ["spin-on-unset-flag", "spin-on-lost-flag", "spin-on-unset-flag-fixed", "fault-vs-zap"];

    private static readonly string[] FairStrategies = ["fair-random", "fair-pct"];

    public static Command Create(CliContext context)
    {
        var programs = new Option<string[]>("--program") { Description = "Sample or scenario (repeatable; default: " + string.Join(", ", DefaultPrograms) + ")" };
        var defects = new Option<string[]>("--defect") { Description = "Catalogued defect (repeatable): adds a row on the first scenario it shows on" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds 1..N per program, strategy and engine", DefaultValueFactory = _ => 10 }.Positive();
        var budget = new Option<int>("--max-schedules") { Description = "Schedules per (program, strategy, engine, seed) before it counts as not found", DefaultValueFactory = _ => 100 }.Positive();
        var maxSteps = new Option<int>("--max-steps") { Description = "Step bound of one schedule, both engines", DefaultValueFactory = _ => 2000 }.MaxSteps();
        var threshold = new Option<int?>("--liveness-threshold") { Description = "Steps a monitor may stay hot (Coyote: its temperature threshold); default half of --max-steps" }.Steps();
        var command = new Command("liveness", "Liveness bugs under fair schedules: ours (fair-random, fair-pct) and Coyote's, seeds 1..N");
        foreach (var option in new Option[] { programs, defects, seeds, budget, maxSteps, threshold }) command.Options.Add(option);
        command.SetAction(parse => Run(context, parse.GetValue(programs) is { Length: > 0 } named ? named : DefaultPrograms,
            parse.GetValue(defects) ?? [], parse.GetValue(seeds), parse.GetValue(budget), parse.GetValue(maxSteps), parse.GetValue(threshold)));
        return command;
    }

    private static int Run(CliContext context, string[] programNames, string[] defectNames, int seeds, int budget, int maxSteps, int? threshold)
    {
        OptionChecks.LivenessThreshold("--liveness-threshold", threshold, maxSteps);
        var targets = programNames.Select(TargetCatalog.Find).ToList();
        foreach (var defect in DefectTargets.Resolve(defectNames))
            targets.AddRange(DefectTargets.Select(null, [defect]).Targets.Take(1));

        var table = TableWriter.New(context);
        foreach (var column in new[] { "program", "strategy", "ours found", "ours median", "ours other", "Coyote found", "Coyote median", "Coyote other" })
            table.AddColumn(column is "program" or "strategy" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        var progress = BenchProgress.For(context, "liveness", targets.Count * FairStrategies.Length);
        foreach (var target in targets)
        {
            foreach (var strategy in FairStrategies)
            {
                progress.Row($"{target.Name}, {strategy}");
                var ours = Ours(target, strategy, seeds, budget, maxSteps, threshold);
                var coyote = Coyote(target, strategy, seeds, budget, maxSteps, threshold);
                table.AddRow(target.Name, strategy, ours.FoundText, ours.MedianText, ours.OtherText,
                    coyote.FoundText, coyote.MedianText, coyote.OtherText);
            }
        }

        context.Out.WriteLine($"fair strategies, ours and Coyote's, seeds 1..{seeds}, at most {budget:N0} schedules of at most {maxSteps:N0} steps each, " +
                              $"liveness threshold {threshold ?? Math.Max(1, maxSteps / 2):N0} steps; found: seeds with a liveness bug, median schedules to it; " +
                              "other: seeds whose first finding was of another kind");
        TableWriter.Write(context, table);
        return ExitCodes.Ok;
    }

    /// <summary>Ours: a liveness bug counted at its schedule; any other first finding counted apart.</summary>
    private static SeedTally Ours(CheckTarget target, string strategy, int seeds, int budget, int maxSteps, int? threshold)
    {
        var program = target.CreateProgram();
        return SeedTally.Over(seeds, seed =>
        {
            var report = Explorer.Explore(program, new ExplorationOptions
            {
                Strategy = strategy, Seed = seed, Iterations = budget, MaxSteps = maxSteps, LivenessThreshold = threshold,
                FindingFilter = target.FindingFilter,
            });
            if (report.Bugs.Count == 0) return SeedOutcome.Nothing;
            return report.Bugs[0].Bug.Kind == BugKind.Liveness ? new SeedOutcome(report.Bugs[0].Trace.Iteration + 1) : new SeedOutcome(null, Other: true);
        });
    }

    private static SeedTally Coyote(CheckTarget target, string strategy, int seeds, int budget, int maxSteps, int? threshold)
    {
        var program = target.CreateProgram();
        return SeedTally.Over(seeds, seed =>
        {
            // Coyote stops at its first bug; the schedules it ran then include the buggy one.
            var report = CoyoteExploration.Run(() => CoyoteRuntime.Run(program, target.FindingFilter), (uint)budget, (uint)seed, strategy,
                (uint)maxSteps, pctChangePoints: (uint)(new ExplorationOptions().PctDepth - 1), livenessThreshold: (uint?)threshold);
            if (report.Bugs.Count == 0) return SeedOutcome.Nothing;
            return report.Bugs.Any(b => b.Contains("liveness bug", StringComparison.Ordinal)) ? new SeedOutcome(report.Schedules) : new SeedOutcome(null, Other: true);
        });
    }
}

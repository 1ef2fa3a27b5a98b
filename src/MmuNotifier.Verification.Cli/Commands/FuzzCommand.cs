// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Generation;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `fuzz`: property-based exploration. FsCheck generates scenarios; each is explored under a
/// fixed budget; the first failure is shrunk (scenario, then schedule), written to models/found/
/// and traces/found/, and printed with its interleaving. Exit 0 when nothing fails, 1 when a
/// counterexample was found, 2 for a bad option or an unknown defect.
/// </summary>
internal static class FuzzCommand
{
    public static Command Create(CliContext context)
    {
        var defects = new Option<string[]>("--defect", "-d") { Description = "Catalogued defect to switch on (repeatable; see docs/defects.md); none: the faithful port" };
        var count = new Option<int>("--count", "-n") { Description = "Scenarios to generate and explore", DefaultValueFactory = _ => 100 }.Positive();
        var seed = new Option<ulong>("--seed") { Description = "FsCheck seed: the same seed generates the same scenarios" };
        var budget = new Option<int>("--budget", "-b") { Description = "Sampled schedules per scenario (bounded dfs is added for small scenarios)", DefaultValueFactory = _ => FuzzBudget.Default.Schedules }.Positive();
        var modelsDir = new Option<string>("--models-out") { Description = "Where the shrunk scenario is written", DefaultValueFactory = _ => Path.Combine("models", "found") };
        var memoryModel = MemoryModelOption.Create();
        var tracesDir = new Option<string>("--traces-out") { Description = "Where its trace is written", DefaultValueFactory = _ => Path.Combine("traces", "found") };
        var coverage = CoverageOutput.CreateOption();
        var misuse = new Option<bool>("--misuse") { Description = "Generate drivers that break the API contract; report per misuse kind how many got a kernel-style finding (exit 1 on an internal error)" };
        var sharding = new ShardOptionSet();
        var command = new Command("fuzz", "Generate scenarios, explore each, shrink the first failure to a minimal scenario and schedule");
        foreach (var option in new Option[] { defects, count, seed, budget, modelsDir, tracesDir, memoryModel, coverage, misuse }) command.Options.Add(option);
        sharding.AddTo(command);
        command.SetAction(parse =>
        {
            var coverageOutput = CoverageOutput.From(parse, coverage);
            var options = new FuzzOptions
            {
                RecordCoverage = coverageOutput is not null,
                Defects = DefectTargets.Resolve(parse.GetValue(defects) ?? []).Select(d => d.Name).ToList(),
                Count = parse.GetValue(count),
                Seed = parse.GetValue(seed),
                Budget = FuzzBudget.Default with
                {
                    Schedules = parse.GetValue(budget),
                    MemoryModel = MemoryModelOption.Read(parse, memoryModel),
                },
                ModelsDirectory = parse.GetValue(modelsDir)!,
                TracesDirectory = parse.GetValue(tracesDir)!,
            };
            var (shard, report) = sharding.Read(parse);
            if (!parse.GetValue(misuse)) return Run(context, options, shard, report, coverageOutput);
            if (shard is not null) throw new UsageException("--misuse: a misuse run cannot be sharded (drop --shard)");
            if (coverageOutput is not null) throw new UsageException("--misuse: a misuse run records no coverage (drop --coverage)");
            return FuzzMisuseOutput.Run(context, options);
        });
        return command;
    }

    public const string Name = "fuzz";

    private static int Run(CliContext context, FuzzOptions options, Shard? shard, string? reportPath, CoverageOutput? coverage)
    {
        OutputDirectory.Require("--models-out", options.ModelsDirectory);
        OutputDirectory.Require("--traces-out", options.TracesDirectory);
        PrintHeader(context, options);
        var result = FuzzProgressDisplay.Run(context, options with { Shard = shard });
        var code = PrintResult(context, result);
        coverage?.Add(result.Coverage, result.CoverageSchedules);
        coverage?.Write(context);
        if (shard is null || reportPath is null) return code;
        ShardReportFile.Save(reportPath, new ShardReport(Name, FuzzShard.Settings(options), shard, code, false, [FuzzShard.Program(result)]));
        context.Out.WriteLine($"report: {reportPath} (shard {shard}: explored the scenarios n with n mod {shard.Count} = {shard.Index}; '{CliApp.Name} merge' of every shard's report gives the run)");
        return code;
    }

    /// <summary>`merge` of `fuzz` shards: the single run's counterexample (written to the directories given) or "no failure".</summary>
    internal static int Merge(CliContext context, IReadOnlyList<ShardReport> reports, string modelsDirectory, string tracesDirectory)
    {
        var options = FuzzShard.FromSettings(reports[0], modelsDirectory, tracesDirectory);
        PrintHeader(context, options);
        return PrintResult(context, FuzzShard.Merge(reports, options));
    }

    private static void PrintHeader(CliContext context, FuzzOptions options)
    {
        var b = options.Budget;
        context.Out.WriteLine(
            $"fuzz: {options.Count} scenarios from seed {options.Seed}; per scenario {b.Schedules} {b.Strategy} schedules, plus dfs " +
            $"(preemption bound {b.DfsPreemptionBound}, {b.DfsSchedules} schedules) when it has at most {b.SmallScenarioOps} operations; " +
            $"{(options.Defects.Count == 0 ? "faithful port" : "defects: " + string.Join(", ", options.Defects))}" +
            (b.MemoryModel == MemoryModel.Sc ? "" : $"; memory model {b.MemoryModel.Name()}"));
    }

    private static int PrintResult(CliContext context, FuzzResult result)
    {
        var found = result.Counterexample;
        if (found is null)
        {
            context.Out.WriteLine($"no failure in {result.Tested} scenarios ({result.Explorations} explorations, {result.Elapsed.TotalSeconds:F1} s)");
            return ExitCodes.Ok;
        }

        CounterexamplePrinter.Print(context.Out, result, found);
        return ExitCodes.BugFound;
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Cli.Corpus;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.KillMatrix;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `corpus`: regenerates traces/, one minimal reproducer per catalogued defect, which the tests
/// replay. Run it again after changing a scenario file, the models or the engine version.
/// </summary>
internal static class CorpusCommand
{
    public static Command Create(CliContext context)
    {
        var outDir = new Option<string>("--out", "-o") { Description = "Directory for the traces", DefaultValueFactory = _ => "traces" };
        var defaults = CorpusOptions.Default;
        var seeds = new Option<int>("--seeds") { Description = "Seeds per strategy (1..N)", DefaultValueFactory = _ => defaults.Budget.Seeds }.Positive();
        var maxSchedules = new Option<long>("--max-schedules") { Description = "Schedules per scenario, strategy and seed", DefaultValueFactory = _ => defaults.Budget.MaxSchedules }.Positive();
        var shorten = new Option<long>("--shorten") { Description = "Schedules spent shortening each finding", DefaultValueFactory = _ => defaults.Shorten }.NonNegative();
        var defects = new Option<string[]>("--defect") { Description = "Only these defects (repeatable)" };
        var command = new Command("corpus", "Write a minimal reproducer trace for every catalogued defect (the regression corpus)");
        foreach (var option in new Option[] { outDir, seeds, maxSchedules, shorten, defects }) command.Options.Add(option);
        command.SetAction(parse => Run(context, parse.GetValue(outDir)!, parse.GetValue(defects) ?? [], defaults with
        {
            Budget = defaults.Budget with
            {
                Seeds = parse.GetValue(seeds),
                MaxSchedules = parse.GetValue(maxSchedules),
            },
            Shorten = parse.GetValue(shorten),
        }));
        return command;
    }

    private static int Run(CliContext context, string outDir, string[] only, CorpusOptions options)
    {
        OutputDirectory.Require("--out", outDir);
        var targets = KillTarget.All(ScenarioTargets.RequireCatalog());
        var defects = (only.Length == 0 ? DefectCatalogue.All : DefectTargets.Resolve(only)).Where(d => d.MustBeFound).ToList();
        var table = TableWriter.New(context);
        foreach (var column in new[] { "defect", "scenario", "strategy", "seed", "steps", "trace" }) table.AddColumn(column);
        var missing = 0;
        foreach (var defect in defects)
        {
            var entry = CorpusBuilder.Build(defect.Name, targets.Where(t => t.Defect == defect.Name).ToList(), options);
            if (entry.Report is null)
            {
                missing++;
                table.AddRow(defect.Name, "-", "-", "-", "-", $"not found in {entry.Tries} runs");
                continue;
            }

            var path = Path.Combine(outDir, $"{defect.Name}.json");
            TraceFile.Save(Portable(entry.Report.Trace), path);
            table.AddRow(defect.Name, entry.Scenario!, entry.Strategy!, entry.Seed.ToString(), entry.Steps!.Value.ToString(), path);
            if (context.Interactive) context.Err.WriteLine($"corpus: {defect.Name}: {entry.Steps} steps");
        }

        TableWriter.Write(context, table);
        return missing > 0 ? ExitCodes.BugFound : ExitCodes.Ok;
    }

    /// <summary>The scenario path as the repository names it, so the trace replays from a clone anywhere.</summary>
    private static Trace Portable(Trace trace) => trace.Subject.Path is null ? trace : trace with
    {
        Subject = trace.Subject with { Path = RepositoryPaths.Portable(trace.Subject.Path) },
    };
}

// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Diagnostics;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `test [program]`: explores one program or all of them, prints a summary row per program and,
/// for every bug, its interleaving; writes each bug's trace for `replay`.
/// Exit 1 when a bug is found that is not expected; a program named explicitly counts every bug,
/// since the caller asked about that program (expected or not, it is a finding). With --defect
/// the scenarios run with catalogued defects switched on, and the traces record them.
/// </summary>
internal static class TestCommand
{
    public static Command Create(CliContext context)
    {
        var program = new Argument<string?>("program")
        {
            Description = "Program to explore (see 'list samples'); all of them when omitted",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var exploration = new ExplorationOptionSet();
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Directory where the traces of found bugs are written",
            DefaultValueFactory = _ => Path.Combine("traces", "found"),
        };
        var html = new Option<string?>("--html") { Description = "Also write one self-contained HTML page per bug into this directory (docs/trace-viewer.md)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print descriptions, every bug of a run and step-bound hits" };
        var shorten = new Option<long>("--shorten")
        {
            Description = "Schedules spent looking for a shorter run showing the same bug (0: report the first one found)",
            DefaultValueFactory = _ => 2000,
        }.NonNegative();
        var defects = new Option<string[]>("--defect")
        {
            Description = "Switch on a catalogued defect (repeatable; see 'list defects'); without a program, runs the scenarios it shows on",
        };

        var coverage = CoverageOutput.CreateOption();
        var sharding = new ShardOptionSet();

        var command = new Command("test", "Explore the schedules of programs and report bugs");
        command.Arguments.Add(program);
        exploration.AddTo(command);
        command.Options.Add(outDir);
        command.Options.Add(html);
        command.Options.Add(verbose);
        command.Options.Add(shorten);
        command.Options.Add(defects);
        command.Options.Add(coverage);
        sharding.AddTo(command);
        command.SetAction(parse =>
        {
            var run = new TestRun(
                parse.GetValue(program),
                exploration.Read(parse),
                parse.GetValue(shorten),
                parse.GetValue(defects) ?? []);
            var (shard, report) = sharding.Read(parse);
            var outputs = new TestOutputs(parse.GetValue(outDir)!, parse.GetValue(html), CoverageOutput.From(parse, coverage));
            return Run(context, run, outputs, parse.GetValue(verbose), shard, report);
        });
        return command;
    }

    /// <summary>Where a run's findings go: traces, optional viewer pages, optional port coverage.</summary>
    private sealed record TestOutputs(string OutDir, string? HtmlDir = null, CoverageOutput? Coverage = null);

    private static int Run(CliContext context, TestRun run, TestOutputs outputs, bool verbose, Shard? shard, string? reportPath)
    {
        // Before any exploring: a finding must never be lost to an output path that cannot be written.
        OutputDirectory.Require("--out", outputs.OutDir);
        if (outputs.HtmlDir is not null) OutputDirectory.Require("--html", outputs.HtmlDir);
        if (shard is not null) run.RequireShardable();
        var options = run.Options;
        var programs = new List<ShardProgram>();
        var code = Sweep(context, run, outputs, verbose, (target, targetOptions) =>
        {
            var report = ProgressDisplay.Explore(context, target.Name, target.CreateProgram(), targetOptions with { Shard = shard });
            if (report.ShardLog is { } log)
                programs.Add(new ShardProgram(target.Name, target.CreateProgram().Subject.ContentHash, report.Elapsed.TotalSeconds, log));
            return report;
        }, $"workers {options.Workers}" + (shard is null ? "" : $", shard {shard}"), isShare: shard is { Count: > 1 });
        if (shard is null || reportPath is null) return code;
        ShardReportFile.Save(reportPath, new ShardReport(Name, run.Settings, shard, code, context.Interruption.Requested, programs));
        context.Out.WriteLine(shard.Count == 1
            ? $"report: {reportPath}"
            : $"report: {reportPath} (shard {shard}: the figures above are this share's; '{CliApp.Name} merge' of every shard's report gives the run's)");
        return code;
    }

    public const string Name = "test";

    /// <summary>
    /// `merge` of `test` shards: the single run's output, built from the shards' logs of each
    /// program instead of exploring; the bugs are replayed and shortened here as the single run does.
    /// </summary>
    internal static int Merge(CliContext context, IReadOnlyList<ShardReport> reports, string outDir, bool verbose)
    {
        OutputDirectory.Require("--out", outDir);
        var run = TestRun.FromSettings(reports[0]);
        var position = 0;
        return Sweep(context, run, new TestOutputs(outDir), verbose, (target, targetOptions) =>
        {
            var index = position++;
            var program = target.CreateProgram();
            var parts = reports.Select(r => ShardProgramAt(r, index, target.Name, program.Subject.ContentHash)).ToList();
            var elapsed = ReportPlace.At(reports[0], $"$.programs[{index}].seconds", () => ShardReport.Elapsed(parts));
            return ReportPlace.MergingLogs(reports, index, () => Explorer.MergeShards(program, targetOptions, parts.Select(p => p.Log!).ToList(), elapsed));
        }, $"merged from {reports.Count} shards", merged: reports);
    }

    private static string Programs(int count) => count == 1 ? "1 program" : $"{count} programs";

    private static ShardProgram ShardProgramAt(ShardReport report, int index, string name, string? contentHash)
    {
        var part = index < report.Programs.Count ? report.Programs[index] : null;
        if (part?.Name != name)
            throw new UsageException($"{report.File}: at $.programs[{index}]: expected program '{name}' (as this checkout lists them), found {(part is null ? "none" : $"'{part.Name}'")}");
        if (part.ContentHash != contentHash)
            throw new UsageException($"{report.File}: at $.programs[{index}]: {name} was explored from another version of its scenario file (sha256 {part.ContentHash}, now {contentHash})");
        return part.Log is null ? throw new UsageException($"{report.File}: at $.programs[{index}]: expected a 'log', found none") : part;
    }

    /// <summary>
    /// The sweep over the programs and what it prints, whether each program's report comes from
    /// exploring or from merging shards, so that a merge prints what the single run prints.
    /// </summary>
    private static int Sweep(CliContext context, TestRun run, TestOutputs outputs, bool verbose,
        Func<CheckTarget, ExplorationOptions, ExplorationReport> explore, string runNote, bool isShare = false, IReadOnlyList<ShardReport>? merged = null)
    {
        var interruption = context.Interruption;
        interruption.Graceful = true;
        var coverage = outputs.Coverage;
        var options = run.Options with { Cancellation = interruption.Token, RecordCoverage = coverage is not null };
        var name = run.Program;
        var notes = new List<string>();
        // In a merge the program and defects come from the reports' settings (alike in all, by ShardSet).
        var settings = merged?[0];
        IReadOnlyList<CheckTarget> targets;
        if (run.Defects.Count == 0)
        {
            targets = name is null ? TargetCatalog.All() : [ReportPlace.At(settings, "$.settings.program", () => TargetCatalog.Find(name))];
        }
        else
        {
            var defects = ReportPlace.At(settings, "$.settings.defects", () => DefectTargets.Resolve(run.Defects));
            (targets, notes) = ReportPlace.At(settings, "$.settings", () => DefectTargets.Select(name, defects));
        }

        foreach (var note in notes) context.Out.WriteLine(note);
        if (targets.Count == 0) throw new UsageException(settings is null ? "there are no programs to explore" : $"{settings.File}: at $.settings: there are no programs to explore");
        if (merged?.FirstOrDefault(r => r.Programs.Count != targets.Count) is { } odd)
            throw new UsageException($"{odd.File}: at $.programs: expected {Programs(targets.Count)} (as this checkout lists them for these settings), found {odd.Programs.Count} (models/ changed?)");

        var table = new SummaryTable(context);
        var unexpected = 0;
        var missed = new List<string>();
        var known = new List<string>();
        foreach (var given in targets)
        {
            if (interruption.Requested) break;
            var target = given with { ExpectsBug = given.ExpectsBugUnder(options.MemoryModel) };
            if (verbose) context.Out.WriteLine($"exploring {target.Name}: {target.Description}");
            var targetOptions = target.FindingFilter is null ? options : options with { FindingFilter = target.FindingFilter };
            var clock = Stopwatch.StartNew();
            var report = explore(target, targetOptions);
            table.Add(target.Name, report, ResultText(target, report) + (report.Interrupted ? ", interrupted" : ""));
            coverage?.Add(report.Coverage, report.Iterations);
            known.AddRange(report.KnownRaces.Select(k => $"{target.Name}: {k.Name} in {k.Schedules:N0} of {report.Iterations:N0} schedules (first: {k.FirstSchedule})"));
            if (report.FoundBug && (!FoundExpected(target, report) || name is not null)) unexpected++;
            if (target.ExpectsBug && !report.FoundBug && !report.Interrupted) missed.Add(target.Name);
            PrintBugs(context, target, report, outputs.OutDir, verbose, found => Shortening.Shorten(target.CreateProgram(), found,
                // --timeout covers the program's shortening too: what the exploration left of it.
                targetOptions with { TimeBudget = targetOptions.TimeBudget - clock.Elapsed }, run.Shorten), outputs.HtmlDir);
        }

        context.Out.WriteLine();
        context.Out.WriteLine($"strategy {options.Strategy}, seed {options.Seed}, max-steps {options.MaxSteps}, {runNote}" +
            (options.MemoryModel == MemoryModel.Sc ? "" : $", memory model {options.MemoryModel.Name()}"));
        table.Write(context);
        coverage?.Write(context, htmlDirectory: outputs.HtmlDir);
        if (interruption.Requested)
            context.Out.WriteLine($"interrupted by {interruption.SignalName}: the summary covers the schedules explored so far; the traces of the bugs found were written");
        foreach (var line in known)
            context.Out.WriteLine($"known kernel finding (KCSAN, docs/defects.md; not a bug of the port): {line}");
        // A shard's share may well miss a bug that another share holds.
        foreach (var program in missed.Where(_ => !isShare))
            context.Out.WriteLine($"note: {program} has a known bug that this budget did not find (raise --iterations or try another --strategy)");
        return unexpected > 0 ? ExitCodes.BugFound : ExitCodes.Ok;
    }

    /// <summary>The run found the bug the target expects (its kind, when the scenario names one), not merely some bug.</summary>
    private static bool FoundExpected(CheckTarget target, ExplorationReport report) =>
        report.FoundBug && report.Bugs.Count > 0 && target.IsExpected(report.Bugs[0].Bug);

    private static string ResultText(CheckTarget target, ExplorationReport report) => (target.ExpectsBug, report.FoundBug) switch
    {
        (true, true) when !FoundExpected(target, report) => $"BUG (expected {target.Expected})",
        (true, true) => "bug (expected)",
        (true, false) => "no bug (expected one)",
        (false, true) => "BUG",
        (false, false) => report.StepBoundHits.Count > 0 ? $"ok, {report.StepBoundHits.Count} step-bound hits" : "ok",
    };

    internal static void PrintBugs(CliContext context, CheckTarget target, ExplorationReport report, string outDir, bool verbose,
        Func<BugReport, BugReport> shortest, string? htmlDir = null)
    {
        foreach (var first in report.Bugs)
        {
            var found = shortest(first);
            var path = TraceNaming.PathFor(outDir, found.Trace);
            TraceFile.Save(found.Trace, path);
            BugPrinter.PrintHeader(context.Out, target.Name, found.Bug, target.IsExpected(found.Bug));
            BugPrinter.PrintOrigin(context.Out, found.Trace, path);
            if (htmlDir is not null)
            {
                var page = Path.ChangeExtension(TraceNaming.PathFor(htmlDir, found.Trace), ".html");
                TraceHtml.Write(page, found.Trace, found.Steps, found.Bug);
                context.Out.WriteLine($"    viewer: {page}");
            }
            if (found.Bug.Step < first.Bug.Step)
                context.Out.WriteLine($"    shortest run found: {found.Bug.Step} steps (the first one found took {first.Bug.Step})");
            if (verbose) BugPrinter.PrintOtherBugs(context.Out, found.Bug, found.AllBugsOfRun);
            BugPrinter.PrintInterleaving(context.Out, found.Steps, found.Bug);
        }

        foreach (var cycle in report.LockOrderCycles)
        {
            context.Out.WriteLine();
            context.Out.WriteLine($"=== {(target.ExpectsBug ? "Expected bug" : "BUG")} in {target.Name}: lockdep");
            context.Out.WriteLine($"    {cycle.Describe()}");
        }

        if (!verbose) return;
        foreach (var hit in report.StepBoundHits.Take(1))
        {
            context.Out.WriteLine();
            context.Out.WriteLine($"--- {target.Name}: {report.StepBoundHits.Count} schedules hit max-steps (possible livelock or unfair spin loop); first one:");
            BugPrinter.PrintOrigin(context.Out, hit.Trace, null);
            BugPrinter.PrintInterleaving(context.Out, hit.Steps, hit.Bug);
        }
    }
}

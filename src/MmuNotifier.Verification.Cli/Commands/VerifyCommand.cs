// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Programs;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using Spectre.Console;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `verify [program|scenario]`: explores every execution up to equivalence with optimal DPOR and
/// says "verified" only when the search ran to its end with nothing cut (budget, preemption
/// bound, step bound); otherwise "incomplete" and why, or the bug with its trace. Without an
/// argument, every scenario of models/ in one table. Exit 1 when a bug is found, 0 otherwise.
/// </summary>
internal static class VerifyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var program = new Argument<string?>("program")
        {
            Description = "Program or scenario to verify; every scenario of models/ when omitted",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var maxExecutions = new Option<long>("--max-executions")
        {
            Description = "Stop after this many executions (the verdict is then \"incomplete\")",
            DefaultValueFactory = _ => 100_000,
        }.Positive();
        var bound = new Option<int?>("--preemption-bound") { Description = "At most this many preemptions per execution (the verdict is then at best \"bounded\")" }.NonNegative();
        var maxSteps = new Option<int>("--max-steps") { Description = "Step bound of one execution", DefaultValueFactory = _ => 10_000 }.MaxSteps();
        var timeout = new Option<double?>("--timeout") { Description = "Stop after this many seconds per program" }.Seconds();
        var workers = new Option<int>("--workers", "-w")
        {
            Description = "Engines searching in parallel, one per core (the tree is split into tasks; the result is the same for any count)",
            DefaultValueFactory = _ => 1,
        }.Workers();
        var memoryModel = MemoryModelOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var outDir = new Option<string>("--out", "-o")
        {
            Description = "Directory where the trace of a found bug is written",
            DefaultValueFactory = _ => Path.Combine("traces", "found"),
        };

        var defects = new Option<string[]>("--defect")
        {
            Description = "Switch on a catalogued defect (repeatable); without a program, verifies the scenarios it shows on",
        };

        var sharding = new ShardOptionSet();

        var command = new Command("verify", "Explore every interleaving up to equivalence (optimal DPOR) and say whether the program is verified");
        command.Arguments.Add(program);
        command.Options.Add(maxExecutions);
        command.Options.Add(bound);
        command.Options.Add(maxSteps);
        command.Options.Add(timeout);
        command.Options.Add(workers);
        command.Options.Add(memoryModel);
        command.Options.Add(json);
        command.Options.Add(outDir);
        command.Options.Add(defects);
        sharding.AddTo(command);
        command.SetAction(parse =>
        {
            var options = new ExplorationOptions
            {
                Iterations = parse.GetValue(maxExecutions),
                PreemptionBound = parse.GetValue(bound),
                MaxSteps = parse.GetValue(maxSteps),
                TimeBudget = parse.GetValue(timeout) is { } seconds ? OptionChecks.Seconds("--timeout", seconds, allowZero: false) : null,
                Workers = parse.GetValue(workers),
                MemoryModel = MemoryModelOption.Read(parse, memoryModel),
            };
            var name = parse.GetValue(program);
            var defectNames = parse.GetValue(defects) ?? [];
            var (shard, reportPath) = sharding.Read(parse);
            if (shard is not null && (name is not null || defectNames.Length > 0))
            {
                // DPOR's sleep sets and wakeup trees span a program's whole tree: cutting it at the
                // first level would search the later branches without what the earlier ones taught.
                throw new UsageException(
                    "--shard: DPOR cannot be split soundly inside one program (its sleep sets span the whole search); shard the sweep over models/ instead: 'verify --shard K/N' without a program or --defect");
            }

            if (shard is not null)
                return RunShard(context, new VerifyRun(options, parse.GetValue(json)), shard, reportPath!);
            if (name is null && defectNames.Length == 0) return RunAll(context, options, parse.GetValue(json));
            // A single program's bug is written to --out: checked before the search, as test does.
            var traces = OutputDirectory.Require("--out", parse.GetValue(outDir)!);
            if (defectNames.Length > 0)
            {
                var (targets, notes) = DefectTargets.Select(name, DefectTargets.Resolve(defectNames));
                foreach (var note in notes) context.Out.WriteLine(note);
                return targets.Select(t => RunOne(context, t, options, parse.GetValue(json), traces)).DefaultIfEmpty(ExitCodes.Ok).Max();
            }

            return RunOne(context, TargetCatalog.Find(name!), options, parse.GetValue(json), traces);
        });
        return command;
    }

    private static VerificationReport Verify(CliContext context, CheckTarget target, ExplorationOptions options) =>
        ProgressDisplay.Verify(context, target.Name, target.CreateProgram(), options with { FindingFilter = target.FindingFilter });

    private static int RunOne(CliContext context, CheckTarget target, ExplorationOptions options, bool json, string outDir)
    {
        var report = Verify(context, target, options);
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(Summary(target.Name, report), Json));
        }
        else
        {
            TestCommand.PrintBugs(context, target, report.Exploration, outDir, verbose: false, found => found);
            context.Out.WriteLine(Verdict(report));
            if (DroppedNote(report.Complete ? report.Infeasible : 0) is { } dropped) context.Out.WriteLine(dropped);
            if (options.MemoryModel == MemoryModel.Lkmm) context.Out.WriteLine(LkmmNote);
        }

        return report.FoundBug ? ExitCodes.BugFound : ExitCodes.Ok;
    }

    private static int RunAll(CliContext context, ExplorationOptions options, bool json)
    {
        var rows = AllScenarios().Select(t => VerifyRow.From(t, Verify(context, t, options))).ToList();
        PrintRows(context, rows, json);
        if (!json && DroppedNote(rows.Where(r => r.Complete).Sum(r => r.Infeasible)) is { } dropped) context.Out.WriteLine(dropped);
        if (!json && options.MemoryModel == MemoryModel.Lkmm) context.Out.WriteLine(LkmmNote);
        return ExitCode(rows);
    }

    private static List<CheckTarget> AllScenarios() => ScenarioTargets.RequireCatalog().All.Select(ScenarioTargets.From).ToList();

    private static int ExitCode(IEnumerable<VerifyRow> rows) => rows.Any(r => r.FoundBug && !r.FoundExpected) ? ExitCodes.BugFound : ExitCodes.Ok;

    /// <summary>
    /// A shard of the sweep: the scenarios i ≡ K (mod N) of models/, each verified whole (one
    /// program's search is not split), written to the report with the row the merge prints.
    /// </summary>
    private static int RunShard(CliContext context, VerifyRun run, Shard shard, string reportPath)
    {
        var targets = AllScenarios();
        var rows = targets.Where((_, i) => shard.Owns(i)).Select(t => VerifyRow.From(t, Verify(context, t, run.Options))).ToList();
        PrintRows(context, rows, run.Json);
        var code = ExitCode(rows);
        var programs = rows.Select(r => new ShardProgram(r.Program, targets.First(t => t.Name == r.Program).CreateProgram().Subject.ContentHash,
            r.Seconds, null, r.ToResult())).ToList();
        ShardReportFile.Save(reportPath, new ShardReport(Name, run.Settings, shard, code, false, programs));
        if (!run.Json) context.Out.WriteLine($"report: {reportPath} (shard {shard}: {rows.Count} of {targets.Count} programs; '{CliApp.Name} merge' of every shard's report gives the sweep)");
        return code;
    }

    public const string Name = "verify";

    /// <summary>`merge` of `verify` shards: every scenario's row from the shard that verified it, in the sweep's order.</summary>
    internal static int Merge(CliContext context, IReadOnlyList<ShardReport> reports)
    {
        var run = VerifyRun.FromSettings(reports[0]);
        var targets = AllScenarios();
        var rows = targets.Select((target, i) =>
        {
            var report = reports[i % reports.Count];
            var at = report.Programs.ToList().FindIndex(p => p.Name == target.Name);
            if (at < 0)
                throw new UsageException($"{report.File}: at $.programs: expected program '{target.Name}' (shard {report.Shard} verifies it in this checkout), found none (models/ changed?)");
            var part = report.Programs[at];
            if (part.ContentHash != target.CreateProgram().Subject.ContentHash)
                throw new UsageException($"{report.File}: at $.programs[{at}].contentHash: {target.Name} was verified from another version of its scenario file (sha256 {part.ContentHash})");
            return VerifyRow.FromResult(report.File, $"$.programs[{at}]", target, part);
        }).ToList();
        // Each report holds its share of the sweep, no more: name the first that holds another count.
        var odd = reports.Select((r, k) => (Report: r, Owned: targets.Where((_, i) => i % reports.Count == k).Count()))
            .FirstOrDefault(p => p.Report.Programs.Count != p.Owned);
        if (odd.Report is not null)
            throw new UsageException($"{odd.Report.File}: at $.programs: expected {odd.Owned} program{(odd.Owned == 1 ? "" : "s")} (those shard {odd.Report.Shard} verifies in this checkout), found {odd.Report.Programs.Count} (models/ changed?)");
        PrintRows(context, rows, run.Json);
        return ExitCode(rows);
    }

    private static void PrintRows(CliContext context, IReadOnlyList<VerifyRow> rows, bool json)
    {
        if (json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(rows.Select(r => r.Summary()), Json));
            return;
        }

        var table = TableWriter.New(context)
            .AddColumn("scenario").AddColumn(new TableColumn("executions").RightAligned())
            .AddColumn(new TableColumn("seconds").RightAligned()).AddColumn("complete");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Program), row.Executions.ToString(CultureInfo.InvariantCulture),
                row.Seconds.ToString("0.00", CultureInfo.InvariantCulture), Markup.Escape(row.Status));
        }

        TableWriter.Write(context, table);
    }

    internal static string Status(CheckTarget target, VerificationReport report, bool foundExpected) =>
        report.FoundBug ? (foundExpected ? "bug (expected)" : target.ExpectsBug ? $"BUG (expected {target.Expected})" : "BUG")
        : report.Complete ? "yes"
        : $"no: {report.IncompleteReason}";

    /// <summary>What a complete search means under the weak-memory mode: DPOR's reduction over stale-read choices is tested, not proven.</summary>
    internal const string LkmmNote =
        "note: --memory-model lkmm: DPOR over stale-read choices reaches DFS's outcomes on the litmus tests but is not proven complete (docs/detectors.md)";

    /// <summary>
    /// What a complete search that dropped race reversals does not promise: a reversal that asks for
    /// a thread still blocked on a lock is dropped, and an order only it
    /// leads to would go unexplored (docs/verification.md, Limits). Null when none was dropped.
    /// </summary>
    internal static string? DroppedNote(long dropped) => dropped == 0 ? null :
        $"note: {dropped} race reversal(s) needed a thread that was blocked at that point (on a lock) and were dropped; " +
        "orders only they lead to may be unexplored (docs/verification.md, Limits)";

    /// <summary>The one-line verdict; "verified" only for a search that ran to its end with nothing cut.</summary>
    internal static string Verdict(VerificationReport report)
    {
        var blocked = $"({report.Blocked} blocked)";
        if (report.FoundBug) return $"bug found after {report.Executions} executions {blocked}: not verified";
        // A bound that never cut a branch leaves the search complete; one that did makes it incomplete.
        if (report.Complete) return $"verified: all {report.Executions} executions explored {blocked}, no bug";

        return $"incomplete: {report.Executions} executions explored {blocked}, no bug found; {report.IncompleteReason}";
    }

    internal static object Summary(string name, VerificationReport report) => VerifyRow.From(name, false, report, "").Summary();
}

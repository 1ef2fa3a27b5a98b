// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using System.Text;
using MmuNotifier.Verification.Cli.Output;
using MmuNotifier.Verification.Cli.Sharding;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.Generation;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// `fuzz --shard`: what a shard's report holds and how `merge` rebuilds the single run from them.
/// Scenario n of the run (FsCheck's n-th value from the seed) belongs to shard n mod N; every
/// shard generates every scenario but explores only its own. The shard with the lowest failing
/// scenario holds the single run's counterexample (the shrinking after it depends on that
/// scenario alone), so the merge writes its files and prints it; the counts are recomputed as
/// the single run would have counted them.
/// </summary>
internal static class FuzzShard
{
    public const string ProgramName = "fuzz";

    public static IReadOnlyDictionary<string, string> Settings(FuzzOptions options) => new Dictionary<string, string>
    {
        ["count"] = Text(options.Count),
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        ["defects"] = string.Join(",", options.Defects),
        ["schedules"] = Text(options.Budget.Schedules),
        ["memoryModel"] = options.Budget.MemoryModel.Name(),
    };

    public static FuzzOptions FromSettings(ShardReport report, string modelsDirectory, string tracesDirectory)
    {
        var Get = report.Setting;
        var defects = Get("defects");
        var options = new FuzzOptions
        {
            Count = Number(report.File, "$.settings.count", Get("count")),
            Seed = ulong.TryParse(Get("seed"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
                ? seed
                : throw new UsageException($"{report.File}: at $.settings.seed: expected a whole number, found '{Get("seed")}'"),
            Defects = defects.Length == 0 ? [] : defects.Split(','),
            Budget = FuzzBudget.Default with
            {
                Schedules = Number(report.File, "$.settings.schedules", Get("schedules")),
                MemoryModel = MemoryModelNames.Parse(Get("memoryModel"))
                    ?? throw new UsageException($"{report.File}: at $.settings.memoryModel: expected sc or lkmm, found '{Get("memoryModel")}'"),
            },
            ModelsDirectory = modelsDirectory,
            TracesDirectory = tracesDirectory,
        };
        SettingsReadBack.Require(report, Settings(options));
        return options;
    }

    /// <summary>The shard's result: where it failed first (if it did) and, then, the counterexample's files and figures.</summary>
    public static ShardProgram Program(FuzzResult result)
    {
        var values = new Dictionary<string, string>
        {
            ["failingScenario"] = result.FailingScenario is { } n ? Text(n) : "",
            ["shrinkExplorations"] = Text(result.ShrinkExplorations),
        };
        if (result.Counterexample is { } found)
        {
            values["original"] = ScenarioWriter.ToJson(found.Original);
            values["scenario"] = File.ReadAllText(found.Scenario.Path!);
            values["scenarioFile"] = Path.GetFileName(found.Scenario.Path!);
            values["trace"] = TraceFile.ToJson(found.Report.Trace);
            values["shrinkSteps"] = Text(found.ShrinkSteps);
            values["preemptionBound"] = found.PreemptionBound is { } bound ? Text(bound) : "";
        }

        return new ShardProgram(ProgramName, null, result.Elapsed.TotalSeconds, null, values);
    }

    /// <summary>The single run's result from every shard's: the lowest failing scenario wins; its counterexample is written anew here.</summary>
    public static FuzzResult Merge(IReadOnlyList<ShardReport> reports, FuzzOptions options)
    {
        var elapsed = ReportPlace.At(reports[0], "$.programs[0].seconds", () => ShardReport.Elapsed(reports.SelectMany(r => r.Programs)));
        var parts = reports.Select(r => (Report: r, Values: Values(r))).ToList();
        var failing = parts.Where(p => p.Values["failingScenario"] != "")
            .Select(p => (p.Report, p.Values, Number: Number(p.Report.File, "$.programs[0].result.failingScenario", p.Values["failingScenario"])))
            .OrderBy(p => p.Number)
            .ToList();
        if (failing.Count == 0) return new FuzzResult(options.Count, options.Count, null, elapsed);

        var (report, values, number) = failing[0];
        var tested = number + 1;
        var explorations = tested + Number(report.File, "$.programs[0].result.shrinkExplorations", values["shrinkExplorations"]);
        return new FuzzResult(tested, explorations, Rebuild(report, values, options), elapsed)
        {
            FailingScenario = number,
            ShrinkExplorations = explorations - tested,
        };
    }

    private static Counterexample Rebuild(ShardReport report, IReadOnlyDictionary<string, string> values, FuzzOptions options)
    {
        string Get(string name) => values.TryGetValue(name, out var value)
            ? value
            : throw new UsageException($"{report.File}: at $.programs[0].result.{name}: missing (the shard's counterexample)");
        OutputDirectory.Require("--models-out", options.ModelsDirectory);
        OutputDirectory.Require("--traces-out", options.TracesDirectory);
        var scenarioFile = Path.GetFileName(Get("scenarioFile"));
        var scenarioPath = Path.Combine(options.ModelsDirectory, scenarioFile);
        Engine.IO.AtomicFile.WriteAllText(scenarioPath, Get("scenario"));
        var scenario = ScenarioParser.Load(scenarioPath);
        var original = ScenarioParser.Parse(Encoding.UTF8.GetBytes(Get("original")), $"{report.File} at $.programs[0].result.original");
        var recorded = TraceFile.Parse(Get("trace"), $"{report.File} at $.programs[0].result.trace");
        var trace = recorded with { Subject = recorded.Subject with { Path = scenario.Path, ContentHash = scenario.ContentHash } };
        var tracePath = Path.Combine(options.TracesDirectory, Path.ChangeExtension(scenarioFile, TraceFile.Extension));
        TraceFile.Save(trace, tracePath);
        var replay = Explorer.Replay(ScenarioProgram.Build(scenario, options.Defects), trace);
        var bug = trace.Bug ?? throw new UsageException($"{report.File}: at $.programs[0].result.trace: expected the trace of a finding, found one without a bug");
        var bound = Get("preemptionBound");
        return new Counterexample(original, scenario, Number(report.File, "$.programs[0].result.shrinkSteps", Get("shrinkSteps")), FindingSignature.Of(bug),
            bound == "" ? null : Number(report.File, "$.programs[0].result.preemptionBound", bound), new BugReport(bug, replay.Bugs, trace, replay.Steps), tracePath);
    }

    private static IReadOnlyDictionary<string, string> Values(ShardReport report)
    {
        var part = report.Programs.SingleOrDefault(p => p.Name == ProgramName)
            ?? throw new UsageException($"{report.File}: at $.programs: expected one entry '{ProgramName}', found {report.Programs.Count}");
        var values = part.Result ?? throw new UsageException($"{report.File}: at $.programs[0]: expected a 'result', found none");
        foreach (var name in new[] { "failingScenario", "shrinkExplorations" })
            if (!values.ContainsKey(name)) throw new UsageException($"{report.File}: at $.programs[0].result: missing '{name}'");
        return values;
    }

    private static int Number(string file, string place, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{file}: at {place}: expected a whole number, found '{text}'");

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

// SPDX-License-Identifier: GPL-2.0-only
using System.Globalization;
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Cli.Sharding;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// What a `test` run explores, as its shard reports record it: the program named (or none), the
/// defects, the exploration settings that decide the schedules, and the shortening budget.
/// Workers and output paths are left out: they change no result.
/// </summary>
internal sealed record TestRun(string? Program, ExplorationOptions Options, long Shorten, IReadOnlyList<string> Defects)
{
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["program"] = Program ?? "",
        ["defects"] = string.Join(",", Defects),
        ["strategy"] = StrategyRegistry.Find(Options.Strategy).Name,
        ["seed"] = Text(Options.Seed),
        ["iterations"] = Text(Options.Iterations),
        ["maxSteps"] = Text(Options.MaxSteps),
        ["pctDepth"] = Text(Options.PctDepth),
        ["preemptionBound"] = Options.PreemptionBound is { } bound ? Text(bound) : "",
        ["detectors"] = Options.Detectors.ToString(),
        ["checkDeterminism"] = Options.CheckDeterminism ? "true" : "false",
        ["memoryModel"] = Options.MemoryModel.Name(),
        ["spawnPoint"] = Options.SpawnPoint ? "true" : "false",
        ["livenessThreshold"] = Options.LivenessThreshold is { } threshold ? Text(threshold) : "",
        ["shorten"] = Text(Shorten),
    };

    /// <summary>A usage error when these settings cannot be sharded (a strategy that keeps one search, a time budget).</summary>
    public void RequireShardable()
    {
        try
        {
            Explorer.RequireShardable(Options);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{(StrategyRegistry.Find(Options.Strategy).OneWorker ? "--strategy" : "--timeout")}: {e.Message}");
        }
    }

    /// <summary>The run a report's settings describe; a setting that does not read back is refused naming the report.</summary>
    public static TestRun FromSettings(ShardReport report)
    {
        var Get = report.Setting;
        T Number<T>(string name) where T : IParsable<T> => T.TryParse(Get(name), CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{report.File}: at $.settings.{name}: expected a number, found '{Get(name)}'");

        var defects = Get("defects");
        var options = new ExplorationOptions
        {
            Strategy = Get("strategy"),
            Seed = Number<ulong>("seed"),
            Iterations = Number<long>("iterations"),
            MaxSteps = Number<int>("maxSteps"),
            PctDepth = Number<int>("pctDepth"),
            PreemptionBound = Get("preemptionBound") is "" ? null : Number<int>("preemptionBound"),
            // Enum.TryParse also takes a number, of any bits: 999 is no set of detectors.
            Detectors = Enum.TryParse<Detectors>(Get("detectors"), out var detectors) && (detectors & ~Detectors.All) == 0
                ? detectors
                : throw new UsageException($"{report.File}: at $.settings.detectors: expected detector names, found '{Get("detectors")}'"),
            CheckDeterminism = report.Flag("checkDeterminism"),
            MemoryModel = MemoryModelNames.Parse(Get("memoryModel"))
                ?? throw new UsageException($"{report.File}: at $.settings.memoryModel: expected sc or lkmm, found '{Get("memoryModel")}'"),
            SpawnPoint = report.Flag("spawnPoint"),
            LivenessThreshold = Get("livenessThreshold") is "" ? null : Number<int>("livenessThreshold"),
        };
        try
        {
            StrategyRegistry.Find(options.Strategy);
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{report.File}: at $.settings: {e.Message}");
        }

        var run = new TestRun(Get("program") is "" ? null : Get("program"), options, Number<long>("shorten"),
            defects.Length == 0 ? [] : defects.Split(','));
        SettingsReadBack.Require(report, run.Settings);
        try
        {
            // What the options of `test` refuse, a report's settings must not smuggle past the merge.
            OptionChecks.NonNegative("--shorten", run.Shorten);
            if (!StrategyRegistry.Find(options.Strategy).IsFair && options.LivenessThreshold is not null)
                throw new UsageException($"--liveness-threshold: only with a fair strategy; {options.Strategy} ignores it");
            OptionChecks.LivenessThreshold("--liveness-threshold", options.LivenessThreshold, options.MaxSteps);
            run.RequireShardable();
        }
        catch (UsageException e)
        {
            throw new UsageException($"{report.File}: at $.settings: {e.Message}");
        }

        return run;
    }

    private static string Text<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);
}

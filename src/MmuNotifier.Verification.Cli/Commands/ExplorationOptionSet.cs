// SPDX-License-Identifier: GPL-2.0-only
using System.CommandLine;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Commands;

/// <summary>
/// The exploration options of `test`, named as in Coyote (--iterations, --strategy, --max-steps,
/// --seed ...), and their translation into <see cref="ExplorationOptions"/>.
/// </summary>
internal sealed class ExplorationOptionSet
{

    public Option<long> Iterations { get; } = new Option<long>("--iterations", "-i")
    {
        Description = "Schedules to explore per program",
        DefaultValueFactory = _ => 10_000,
    }.Positive();

    /// <summary>
    /// The portfolio by default, not Coyote's random: over the defect catalogue its slowest find
    /// is a small fraction of random's (README, `test`), since an interleaving one member's walk
    /// needs thousands of schedules for, another reaches in a few dozen.
    /// </summary>
    public Option<string> Strategy { get; } = new Option<string>("--strategy", "-s")
    {
        Description = "Exploration strategy (default: portfolio, which takes random, pct at two depths and pos in turn)",
        DefaultValueFactory = _ => PortfolioStrategy.Descriptor.Name,
    }.AcceptOnlyFromAmong([.. StrategyRegistry.Names]);

    public Option<ulong> Seed { get; } = new("--seed")
    {
        Description = "Seed of the first schedule; the same seed explores the same schedules",
    };

    public Option<int> MaxSteps { get; } = new Option<int>("--max-steps")
    {
        Description = "Scheduling steps per schedule before it is reported as a possible livelock",
        DefaultValueFactory = _ => new ExplorationOptions().MaxSteps,
    }.MaxSteps();

    public Option<int> Workers { get; } = new Option<int>("--workers", "-w")
    {
        Description = "Engines exploring in parallel, one per core",
        DefaultValueFactory = _ => 1,
    }.Workers();

    public Option<double?> Timeout { get; } = new Option<double?>("--timeout", "-t")
    {
        Description = "Wall-clock budget per program in seconds, shortening included (stops at whichever of this and --iterations comes first)",
    }.Seconds();

    public Option<int?> PreemptionBound { get; } = new Option<int?>("--preemption-bound")
    {
        Description = "dfs: at most this many preemptions per schedule",
    }.NonNegative();

    public Option<int> PctDepth { get; } = new Option<int>("--pct-depth")
    {
        Description = "pct: priority change points plus one (d)",
        DefaultValueFactory = _ => new ExplorationOptions().PctDepth,
    }.Positive();

    public Option<bool> CheckDeterminism { get; } = new("--check-determinism")
    {
        Description = "Run every schedule twice and compare (catches state leaking between schedules)",
    };

    public Option<string[]> NoDetector { get; } = DetectorOption.Create();

    public Option<string> MemoryModel { get; } = MemoryModelOption.Create();

    public Option<bool> SpawnPoint { get; } = new("--spawn-point")
    {
        Description = "Spawn is a scheduling point: a new thread starts only when the strategy picks it (docs/engine.md)",
    };

    public Option<int?> LivenessThreshold { get; } = new Option<int?>("--liveness-threshold")
    {
        Description = "fair-random, fair-pct: steps a liveness monitor may stay hot before it is a liveness bug (default: max-steps / 2)",
    }.Steps();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Iterations, Strategy, Seed, MaxSteps, Workers, Timeout, PreemptionBound, PctDepth, CheckDeterminism, NoDetector, MemoryModel, SpawnPoint, LivenessThreshold })
            command.Options.Add(option);
    }

    /// <summary>The options as given; ranges are checked as declared (<see cref="OptionRange"/>), combinations here.</summary>
    public ExplorationOptions Read(ParseResult parse)
    {
        var timeout = parse.GetValue(Timeout) is { } seconds ? OptionChecks.Seconds("--timeout", seconds, allowZero: false) : (TimeSpan?)null;
        var maxSteps = parse.GetValue(MaxSteps);

        // Validate below stays the engine's own guard.
        var options = new ExplorationOptions
        {
            Iterations = parse.GetValue(Iterations),
            Strategy = parse.GetValue(Strategy)!,
            Seed = parse.GetValue(Seed),
            MaxSteps = maxSteps,
            Workers = parse.GetValue(Workers),
            TimeBudget = timeout,
            PreemptionBound = parse.GetValue(PreemptionBound),
            PctDepth = parse.GetValue(PctDepth),
            CheckDeterminism = parse.GetValue(CheckDeterminism),
            MemoryModel = MemoryModelOption.Read(parse, MemoryModel),
            Detectors = DetectorOption.Read(parse.GetValue(NoDetector)),
            SpawnPoint = parse.GetValue(SpawnPoint),
            LivenessThreshold = OptionChecks.LivenessThreshold("--liveness-threshold", parse.GetValue(LivenessThreshold), maxSteps),
        };
        options.Validate();

        var strategy = StrategyRegistry.Find(options.Strategy);
        var chosen = parse.GetResult(Strategy) is { Implicit: false } ? $"--strategy {strategy.Name}" : $"the default strategy, {strategy.Name},";
        RequireRead(parse, PctDepth, strategy, chosen, d => d.TakesPctDepth);
        RequireRead(parse, PreemptionBound, strategy, chosen, d => d.TakesPreemptionBound);
        RequireRead(parse, LivenessThreshold, strategy, chosen, d => d.IsFair);
        RequireOneWorker(options, strategy);
        return options;
    }

    /// <summary>
    /// q-learning, iterative-pb and delay-bounding keep one search across all schedules and run on
    /// one worker whatever --workers says; more would be dropped silently (and printed as if used).
    /// </summary>
    private static void RequireOneWorker(ExplorationOptions options, StrategyDescriptor strategy)
    {
        if (options.Workers == 1 || !strategy.OneWorker || strategy.SearchesByTasks) return;
        throw new UsageException($"--workers: expected 1 with --strategy {strategy.Name}, which keeps one search across all schedules and runs on one worker; found {options.Workers}");
    }

    /// <summary>An option given for a strategy that never reads it is a mistake, not a setting to drop silently.</summary>
    private static void RequireRead(ParseResult parse, Option option, StrategyDescriptor strategy, string chosen, Func<StrategyDescriptor, bool> reads)
    {
        if (parse.GetResult(option) is { Implicit: false }) OptionChecks.RequireRead(option.Name, [strategy], chosen, reads);
    }
}

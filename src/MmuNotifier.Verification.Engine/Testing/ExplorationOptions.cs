// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// How to explore a test body. The names follow Coyote's (iterations, strategy, max-steps, seed)
/// and can be set from Coyote.runsettings through <see cref="RunSettings"/>.
/// </summary>
public sealed record ExplorationOptions
{
    /// <summary>How many schedules to run at most.</summary>
    public long Iterations { get; init; } = 1000;

    /// <summary>Optional wall-clock budget; exploration stops at whichever of this and <see cref="Iterations"/> comes first.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>A name or alias of <see cref="StrategyRegistry"/>: random, pct (alias prioritization), dfs, portfolio.</summary>
    public string Strategy { get; init; } = RandomStrategy.Descriptor.Name;

    public ulong Seed { get; init; }

    /// <summary>Scheduling steps per run before it is reported as a possible livelock.</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>
    /// The most <see cref="MaxSteps"/> taken. A run keeps a record of every step it takes (for
    /// its trace and counterexample, a few hundred bytes each), so 2^31 - 1 on a program that
    /// spins grew by some 200 MB a second until the machine ran out of memory. A million steps
    /// is a hundred times the default, far above any scenario's runs, and some 250 MB at most.
    /// </summary>
    public const int MaxStepsLimit = 1_000_000;

    public bool StopAtFirstBug { get; init; } = true;

    /// <summary>Engines run in parallel, one per OS thread.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>
    /// The most <see cref="Workers"/> taken. Each is an OS thread with an engine of its own, and
    /// results do not depend on the count, so past the cores more only cost memory; 100,000 spent
    /// minutes starting threads and 2^31 - 1 ran out of memory. This is above any machine's cores.
    /// </summary>
    public const int MaxWorkers = 1024;

    /// <summary>PCT: the number of priority change points plus one (Burckhardt et al.'s d).</summary>
    public int PctDepth { get; init; } = 3;

    /// <summary>DFS: at most this many preemptions per schedule; null for unbounded.</summary>
    public int? PreemptionBound { get; init; }

    /// <summary>
    /// Which engine runs the tests: <see cref="ExplorationBackend.Ours"/> (this engine) or
    /// <see cref="ExplorationBackend.Coyote"/> (Coyote's TestingEngine through the Coyote
    /// backend project, which reads this setting; <see cref="Explorer"/> itself only runs ours).
    /// Set by the `backend` parameter of Coyote.runsettings.
    /// </summary>
    public ExplorationBackend Backend { get; init; } = ExplorationBackend.Ours;

    /// Spawn is a scheduling point: a child starts only when the strategy picks it, instead of
    /// running eagerly to its first scheduling point inside its parent's step. Off by default:
    /// the kernel models share state only through primitives, where the two are equivalent
    /// (docs/engine.md).
    /// </summary>
    public bool SpawnPoint { get; init; }

    /// <summary>
    /// Under a fair strategy: steps a liveness monitor may stay hot before the run is a liveness
    /// bug (Coyote's liveness temperature threshold); null: half of <see cref="MaxSteps"/>.
    /// </summary>
    public int? LivenessThreshold { get; init; }

    /// <summary>The threshold a run of <see cref="Strategy"/> judges liveness with: null unless the strategy is fair.</summary>
    public int? EffectiveLivenessThreshold =>
        StrategyRegistry.Find(Strategy).IsFair ? LivenessThreshold ?? Math.Max(1, MaxSteps / 2) : null;

    /// <summary>The kernel-debug oracles every run applies (docs/detectors.md); all by default.</summary>
    public Detectors Detectors { get; init; } = Detectors.Default;

    /// <summary>Record, per schedule, which coverage probes of the model it reached (<see cref="ExplorationReport.Coverage"/>).</summary>
    public bool RecordCoverage { get; init; }
    /// <summary>Which stores a marked load may read: sc (default) or lkmm, the weak-memory mode (docs/detectors.md).</summary>
    public Abstractions.MemoryModel MemoryModel { get; init; }

    /// <summary>Run every schedule twice and compare the pending accesses step by step.</summary>
    public bool CheckDeterminism { get; init; }

    /// <summary>
    /// Which runs count as a finding, given every bug a run reported; null means any bug does.
    /// The kill matrix uses it: a defect is found only when the invariant it should break fires.
    /// Runs it rejects are treated as clean.
    /// </summary>
    public Func<IReadOnlyList<Bug>, bool>? FindingFilter { get; init; }

    /// <summary>
    /// Stops the exploration at the next schedule boundary (Ctrl-C, SIGTERM): the workers finish
    /// the schedule they are in and the report holds what ran, marked <see cref="ExplorationReport.Interrupted"/>.
    /// </summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>
    /// Explore only this share of the schedules (seeded strategies) or subtrees (DFS); the report
    /// then carries its <see cref="ExplorationReport.ShardLog"/> for <see cref="Explorer.MergeShards"/>. Null: all of them.
    /// </summary>
    public Sharding.Shard? Shard { get; init; }

    /// <summary>Called now and then from the exploring thread with a snapshot of progress.</summary>
    public Action<ExplorationProgress>? Progress { get; init; }

    /// <summary>What the strategy factories read, with the length estimate of a calibration run (0 when none was made).</summary>
    public StrategySettings StrategySettings(int estimatedLength) => new(Seed, PctDepth, PreemptionBound, estimatedLength);

    public void Validate()
    {
        if (Iterations <= 0) throw new ArgumentException($"iterations must be positive, got {Iterations}");
        if (MaxSteps <= 0) throw new ArgumentException($"max-steps must be positive, got {MaxSteps}");
        if (MaxSteps > MaxStepsLimit) throw new ArgumentException($"max-steps must be at most {MaxStepsLimit}, got {MaxSteps}");
        if (Workers is <= 0 or > MaxWorkers) throw new ArgumentException($"workers must be from 1 to {MaxWorkers}, got {Workers}");
        if (PctDepth <= 0) throw new ArgumentException($"pct-depth must be positive, got {PctDepth}");
        if (LivenessThreshold is <= 0) throw new ArgumentException($"liveness-threshold must be positive, got {LivenessThreshold}");
        if (PreemptionBound is < 0) throw new ArgumentException($"preemption-bound must not be negative, got {PreemptionBound}");
    }
}

/// <summary>The engines a test can run on (the `backend` parameter of Coyote.runsettings).</summary>
public enum ExplorationBackend
{
    /// <summary>This engine: <see cref="Explorer"/>.</summary>
    Ours,

    /// <summary>Microsoft.Coyote's TestingEngine, through src/MmuNotifier.Verification.Coyote.</summary>
    Coyote,
}

/// <summary>A progress snapshot for display.</summary>
public readonly record struct ExplorationProgress(long Iterations, long Steps, int Bugs, TimeSpan Elapsed);

// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Generation;

/// <summary>One fuzzing run: how many scenarios, from which FsCheck seed, against which port defects, and where a counterexample goes.</summary>
public sealed record FuzzOptions
{
    public int Count { get; init; } = 100;

    public ulong Seed { get; init; }

    /// <summary>Defect names (Defects/DefectCatalogue: port and driver defects) switched on together; empty for the faithful port.</summary>
    public IReadOnlyList<string> Defects { get; init; } = [];

    public FuzzBudget Budget { get; init; } = FuzzBudget.Default;

    /// <summary>Where the shrunk scenario is written (models/found/ by convention).</summary>
    public string ModelsDirectory { get; init; } = Path.Combine("models", "found");

    /// <summary>Where its trace is written (traces/found/ by convention).</summary>
    public string TracesDirectory { get; init; } = Path.Combine("traces", "found");

    /// <summary>Explore only the scenarios numbered n ≡ K (mod N) of this share (docs/scale-out.md); null: all.</summary>
    public Engine.Testing.Sharding.Shard? Shard { get; init; }

    /// <summary>
    /// Record the port coverage of every generated scenario's explorations (not the shrinking's)
    /// into <see cref="FuzzResult.Coverage"/> (docs/coverage.md).
    /// </summary>
    public bool RecordCoverage { get; init; }

    /// <summary>Called from the fuzzing thread after every explored scenario.</summary>
    public Action<FuzzProgress>? Progress { get; init; }
}

/// <summary>Where a fuzzing run is: generating and exploring, or shrinking the first failure.</summary>
public enum FuzzPhase
{
    Exploring,
    ShrinkingScenario,
    ShrinkingSchedule,
}

public readonly record struct FuzzProgress(FuzzPhase Phase, int Tested, int Count, int Explorations, int ShrinkSteps);

// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Models.Generation;

/// <summary>What a fuzzing run did: scenarios tested (before the first failure), explorations in all, and the shrunk counterexample if any.</summary>
public sealed record FuzzResult(int Tested, int Explorations, Counterexample? Counterexample, TimeSpan Elapsed)
{
    /// <summary>The number (from 0) of the first failing scenario of the run, or null when none failed.</summary>
    public int? FailingScenario { get; init; }

    /// <summary>The explorations spent shrinking, after the first failure.</summary>
    public int ShrinkExplorations { get; init; }

    /// <summary>With <see cref="FuzzOptions.RecordCoverage"/>: the port coverage of the generated scenarios' explorations; else null.</summary>
    public Engine.Coverage.CoverageCounts? Coverage { get; init; }

    /// <summary>The schedules <see cref="Coverage"/> counts over.</summary>
    public long CoverageSchedules { get; init; }
}

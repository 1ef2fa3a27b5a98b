// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Corpus;

/// <summary>How hard to look for each defect's minimal reproducer.</summary>
internal sealed record CorpusOptions
{
    public IReadOnlyList<string> Strategies { get; init; } = ["random", "pct", "dfs"];

    public int Seeds { get; init; } = 5;

    /// <summary>Schedules per (scenario, strategy, seed) before giving up on that combination.</summary>
    public long MaxSchedules { get; init; } = 20_000;

    /// <summary>Schedules spent shortening each finding.</summary>
    public long Shorten { get; init; } = 2_000;

    public int PreemptionBound { get; init; } = 2;
}

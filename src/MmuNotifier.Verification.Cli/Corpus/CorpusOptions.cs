// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Models.KillMatrix;

namespace MmuNotifier.Verification.Cli.Corpus;

/// <summary>How hard to look for each defect's minimal reproducer.</summary>
internal sealed record CorpusOptions
{
    /// <summary>The defaults of `corpus`.</summary>
    public static CorpusOptions Default { get; } = new();

    /// <summary>Strategies, seeds 1..N, and at most 20,000 schedules per (scenario, strategy, seed) before giving up on that combination.</summary>
    public KillBudget Budget { get; init; } = new() { MaxSchedules = 20_000 };

    /// <summary>Schedules spent shortening each finding.</summary>
    public long Shorten { get; init; } = 2_000;
}

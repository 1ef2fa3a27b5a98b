// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>The strategies the product knows, found by name or alias (Coyote's names are accepted too).</summary>
public static class StrategyRegistry
{
    /// <summary>Every strategy, once, in the order help texts and tables list them.</summary>
    public static IReadOnlyList<StrategyDescriptor> All { get; } =
    [
        RandomStrategy.Descriptor,
        PctStrategy.Descriptor,
        DfsStrategy.Descriptor,
        IterativePreemptionBoundingStrategy.Descriptor,
        DelayBoundingStrategy.Descriptor,
        PosStrategy.Descriptor,
        Dpor.DporStrategy.Descriptor,
        QLearningStrategy.Descriptor,
        FairStrategy.Random,
        FairStrategy.Pct,
        PortfolioStrategy.Descriptor,
    ];

    /// <summary>Every accepted spelling: each name followed by its aliases.</summary>
    public static IReadOnlyList<string> Names { get; } = All.SelectMany(d => d.Spellings).ToList();

    /// <summary>
    /// The strategies that stand alone: what the kill matrix and the corpus compare by default. The
    /// fair variants are left out: they are their base strategy with a round-robin tail, there
    /// for liveness, which no catalogued defect breaks.
    /// </summary>
    public static IReadOnlyList<StrategyDescriptor> Single { get; } = All.Where(d => !d.IsPortfolio && !d.IsFair).ToList();

    /// <summary>The descriptor named (or aliased) <paramref name="name"/>, or an ArgumentException listing the known names.</summary>
    public static StrategyDescriptor Find(string name)
    {
        var spelling = name.Trim().ToLowerInvariant();
        return All.FirstOrDefault(d => d.Spellings.Contains(spelling))
            ?? throw new ArgumentException($"unknown strategy '{name}'; expected one of: {string.Join(", ", Names)}");
    }
}

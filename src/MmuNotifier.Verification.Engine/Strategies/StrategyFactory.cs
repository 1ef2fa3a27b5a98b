// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Strategies;

/// <summary>Builds strategies from their names (Coyote's names are accepted too).</summary>
public static class StrategyFactory
{
    public static IReadOnlyList<string> Names { get; } = ["random", "pct", "prioritization", "dfs", "portfolio"];

    /// <summary>The canonical name, or an ArgumentException listing the known ones.</summary>
    public static string Canonical(string name) => name.Trim().ToLowerInvariant() switch
    {
        "random" => "random",
        "pct" or "prioritization" => "pct",
        "dfs" => "dfs",
        "portfolio" => "portfolio",
        _ => throw new ArgumentException($"unknown strategy '{name}'; expected one of: {string.Join(", ", Names)}"),
    };

    /// <param name="estimatedLength">Schedule length estimate for PCT's change points.</param>
    public static IStrategy Create(ExplorationOptions options, int estimatedLength) => Canonical(options.Strategy) switch
    {
        "random" => new RandomStrategy(options.Seed),
        "pct" => new PctStrategy(options.Seed, options.PctDepth, estimatedLength),
        "dfs" => new DfsStrategy(options.PreemptionBound, options.Seed),
        _ => new PortfolioStrategy(
        [
            new RandomStrategy(options.Seed),
            new PctStrategy(options.Seed, 3, estimatedLength),
            new PctStrategy(options.Seed + 1, 10, estimatedLength),
            new PctStrategy(options.Seed + 2, 1, estimatedLength),
        ]),
    };
}

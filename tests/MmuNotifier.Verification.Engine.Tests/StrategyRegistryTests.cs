// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Strategies are found through their descriptors, and what the engine does for one follows its capabilities.</summary>
public sealed class StrategyRegistryTests
{
    public static TheoryData<string> Descriptors()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in StrategyRegistry.All) data.Add(descriptor.Name);
        return data;
    }

    [Fact]
    public void EveryStrategyIsListedOnceAndEverySpellingIsUnique()
    {
        var exploring = typeof(IStrategy).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && typeof(IStrategy).IsAssignableFrom(t) && t != typeof(ReplayStrategy))
            .ToList();
        var settings = new StrategySettings(Seed: 1, EstimatedLength: 10);

        // One class may stand behind several descriptors (fair-random and fair-pct are one FairStrategy).
        var built = StrategyRegistry.All.Select(d => d.Create(settings).GetType()).Distinct().ToList();
        Assert.Equal(exploring.Count, built.Count);
        Assert.Equal(exploring.OrderBy(t => t.Name), built.OrderBy(t => t.Name));
        Assert.Equal(StrategyRegistry.Names.Count, StrategyRegistry.Names.Distinct().Count());
        // The spellings the CLI and Coyote.runsettings have always accepted, in their order.
        Assert.Equal(["random", "pct", "prioritization", "dfs", "portfolio"], StrategyRegistry.Names.Where(n => n is "random" or "pct" or "prioritization" or "dfs" or "portfolio"));
    }

    [Theory]
    [InlineData("prioritization", "pct")]
    [InlineData(" PCT ", "pct")]
    [InlineData("Random", "random")]
    public void AliasesAndSpellingsResolve(string spelling, string name) =>
        Assert.Equal(name, StrategyRegistry.Find(spelling).Name);

    [Fact]
    public void UnknownStrategyNamesTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => StrategyRegistry.Find("bfs"));
        Assert.Equal("unknown strategy 'bfs'; expected one of: random, pct, prioritization, dfs, iterative-pb, icb, iterative-preemption-bounding, delay-bounding, delay, db, pos, partial-order-sampling, dpor, q-learning, qlearning, fair-random, fair-pct, portfolio", error.Message);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void FactoryBuildsAStrategyOfThatNameThatRuns(string name)
    {
        var descriptor = StrategyRegistry.Find(name);
        var strategy = descriptor.Create(new StrategySettings(Seed: 3, PctDepth: 3, PreemptionBound: 1, EstimatedLength: 5));

        Assert.Equal(descriptor.Name, strategy.Name);
        Assert.True(strategy.InitializeIteration(0));
        if (descriptor.CreateSubtree is { } subtree) Assert.Equal(descriptor.Name, subtree(new StrategySettings(3), [], 2).Name);
    }

    /// <summary>A calibration run is one more call of the body, made only for strategies that need a length estimate.</summary>
    [Theory]
    [MemberData(nameof(Descriptors))]
    public void OnlyStrategiesThatNeedALengthAreCalibrated(string name)
    {
        var calls = 0;
        var program = TestProgram.Sample("counted", rt =>
        {
            calls++;
            rt.Spawn("a", () => Task.CompletedTask);
            return Task.CompletedTask;
        });

        Explorer.Explore(program, new ExplorationOptions { Strategy = name, Iterations = 1 });

        var calibration = StrategyRegistry.Find(name).NeedsLengthEstimate ? LengthCalibration.Probes : 0;
        Assert.Equal(1 + calibration, calls);
    }

    [Theory]
    [InlineData("random", false, false, false, false)]
    [InlineData("pct", true, false, false, false)]
    [InlineData("dfs", false, true, true, false)]
    [InlineData("iterative-pb", false, true, false, false)]
    [InlineData("delay-bounding", false, true, false, false)]
    [InlineData("pos", false, false, false, false)]
    [InlineData("q-learning", false, false, false, false)]
    [InlineData("fair-random", false, false, false, false)]
    [InlineData("fair-pct", true, false, false, false)]
    [InlineData("portfolio", true, false, false, true)]
    public void CapabilitiesOfTheShippedStrategies(string name, bool needsLength, bool takesBound, bool splittable, bool portfolio)
    {
        var descriptor = StrategyRegistry.Find(name);

        Assert.Equal(needsLength, descriptor.NeedsLengthEstimate);
        Assert.Equal(takesBound, descriptor.TakesPreemptionBound);
        Assert.Equal(splittable, descriptor.SplittableIntoSubtrees);
        Assert.Equal(portfolio, descriptor.IsPortfolio);
        Assert.Equal(!portfolio && !descriptor.IsFair, StrategyRegistry.Single.Contains(descriptor));
        Assert.Equal(name.StartsWith("fair-", StringComparison.Ordinal), descriptor.IsFair);
        Assert.Equal(name is "q-learning" or "iterative-pb" or "delay-bounding" or "dpor", descriptor.OneWorker);
    }
}

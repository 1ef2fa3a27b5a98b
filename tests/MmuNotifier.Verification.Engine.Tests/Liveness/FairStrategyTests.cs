// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Tests.Liveness;

/// <summary>The fair strategies: after the unfair prefix every enabled thread keeps getting turns.</summary>
public sealed class FairStrategyTests
{
    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void AfterThePrefixEveryEnabledThreadRunsWithinNSteps(string name)
    {
        var strategy = (FairStrategy)StrategyRegistry.Find(name).Create(new StrategySettings(Seed: 5, EstimatedLength: 50));
        var pending = new NoPending();
        for (var iteration = 0; iteration < 20; iteration++)
        {
            strategy.InitializeIteration(iteration);
            Assert.InRange(strategy.UnfairSteps, 0, FairStrategy.MaxUnfairPrefix);
            int[] enabled = [0, 1, 2, 3];
            var lastRan = new int[4];
            var previous = -1;
            for (var step = 0; step < FairStrategy.MaxUnfairPrefix + 100; step++)
            {
                var chosen = strategy.NextThread(new SchedulingView(enabled, previous, step, pending));
                lastRan[chosen] = step;
                previous = chosen;
                if (step >= strategy.UnfairSteps + enabled.Length)
                    Assert.All(lastRan, ran => Assert.True(step - ran < enabled.Length, $"a thread waited {step - ran} steps"));
            }
        }
    }

    [Fact]
    public void TheUnfairPrefixDependsOnTheScheduleNumberAlone()
    {
        var a = new FairStrategy("fair-random", new RandomStrategy(9), 9);
        var b = new FairStrategy("fair-random", new RandomStrategy(9), 9);
        var prefixes = new HashSet<int>();
        for (var i = 0; i < 10; i++)
        {
            a.InitializeIteration(i);
            b.InitializeIteration(9 - i);
            b.InitializeIteration(i);
            Assert.Equal(a.UnfairSteps, b.UnfairSteps);
            prefixes.Add(a.UnfairSteps);
        }

        Assert.True(prefixes.Count > 1, "every schedule had the same unfair prefix");
    }

    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void TheReportIsTheSameOnOneWorkerAndOnTwo(string name)
    {
        var body = Samples.SampleCatalog.Find("lost-update")!.Body;

        var one = Explore.Body(body, name, iterations: 96, seed: 4, stopAtFirstBug: false, workers: 1);
        var two = Explore.Body(body, name, iterations: 96, seed: 4, stopAtFirstBug: false, workers: 2);

        Assert.Equal(one.TotalSteps, two.TotalSteps);
        Assert.Equal(one.DistinctSchedules, two.DistinctSchedules);
        Assert.Equal(one.BuggyIterations, two.BuggyIterations);
        Assert.Equal(one.Bugs[0].Trace.Decisions, two.Bugs[0].Trace.Decisions);
    }

    private sealed class NoPending : IPendingAccessView
    {
        public PendingAccess GetPending(int threadId) => new(AccessKind.WriteOnce, "x", 2);
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Seeded results do not depend on the number of workers.</summary>
public sealed class ParallelTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("portfolio")]
    public void FixedBudgetGivesTheSameCountsOnOneOrTwoWorkers(string strategy)
    {
        var body = SampleCatalog.Find("srcu-call-fixed")!.Body;

        var one = Explore.Body(body, strategy, iterations: 400, workers: 1);
        var two = Explore.Body(body, strategy, iterations: 400, workers: 2);

        Assert.Equal(one.Iterations, two.Iterations);
        Assert.Equal(one.TotalSteps, two.TotalSteps);
        Assert.Equal(one.DistinctSchedules, two.DistinctSchedules);
        Assert.Equal(2, two.Workers);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    public void FirstBugIsTheSameOnOneOrTwoWorkers(string strategy)
    {
        var body = SampleCatalog.Find("srcu-free-before-sync")!.Body;

        var one = Explore.Body(body, strategy, workers: 1);
        var two = Explore.Body(body, strategy, workers: 2);

        Assert.Equal(one.Bugs[0].Trace.Iteration, two.Bugs[0].Trace.Iteration);
        Assert.Equal(one.Bugs[0].Trace.Decisions, two.Bugs[0].Trace.Decisions);
        Assert.Equal(one.Iterations, two.Iterations);
        Assert.Equal(one.TotalSteps, two.TotalSteps);
    }
}

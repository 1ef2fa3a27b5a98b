// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Tests.Strategies;

/// <summary>
/// Bounded search is sound: a yield is a free switch that lowers the yielder, so spin-with-yield
/// loops terminate under every bound, and a run cut by the step bound never counts as explored.
/// </summary>
public sealed class BoundedSearchTests
{
    /// <summary>A waiter spins with a yield until a setter (which first does some work of its own) raises a flag.</summary>
    private static Task SpinWithYield(IRuntime rt)
    {
        var flag = rt.NewCell("flag", 0);
        var work = rt.NewCell("work", 0);
        rt.Spawn("waiter", async () =>
        {
            while (await flag.ReadOnce() == 0) await rt.Yield();
            rt.Assert(await work.ReadOnce() == 2, "the flag came before the work");
        });
        rt.Spawn("setter", async () =>
        {
            await work.WriteOnce(1);
            await work.WriteOnce(2);
            await flag.WriteOnce(1);
        });
        return Task.CompletedTask;
    }

    /// <summary>The same waiter spinning without a yield: a schedule that never lets the setter run is cut by the step bound.</summary>
    private static Task SpinWithoutYield(IRuntime rt)
    {
        var flag = rt.NewCell("flag", 0);
        rt.Spawn("waiter", async () =>
        {
            while (await flag.ReadOnce() == 0)
            {
            }
        });
        rt.Spawn("setter", async () => await flag.WriteOnce(1));
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("dfs", 0)]
    [InlineData("dfs", 1)]
    [InlineData("dfs", 2)]
    [InlineData("dfs", 3)]
    [InlineData("dfs", null)]
    [InlineData("iterative-pb", 3)]
    [InlineData("iterative-pb", null)]
    [InlineData("delay-bounding", 3)]
    [InlineData("delay-bounding", null)]
    public void SpinWithYieldIsExploredToCompletionUnderEveryBound(string strategy, int? bound)
    {
        var report = Explore.Body(SpinWithYield, strategy, iterations: 100_000, preemptionBound: bound, maxSteps: 200);

        Assert.False(report.FoundBug);
        Assert.Equal(0, report.StepBoundCuts);
        Assert.True(report.Exhausted, $"{strategy} bound {bound}: {report.Iterations} schedules, not exhausted");
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(5UL)]
    public void PctLowersAYielderSoTheSpinEnds(ulong seed)
    {
        var report = Explore.Body(SpinWithYield, "pct", iterations: 300, seed: seed, maxSteps: 200);

        Assert.False(report.FoundBug);
        Assert.Equal(0, report.StepBoundCuts);
    }

    [Theory]
    [InlineData("dfs", 0)]
    [InlineData("dfs", 2)]
    [InlineData("dfs", null)]
    [InlineData("iterative-pb", 2)]
    [InlineData("delay-bounding", 2)]
    public void RunsCutByTheStepBoundAreNeverReportedExhausted(string strategy, int? bound)
    {
        var report = Explore.Body(SpinWithoutYield, strategy, iterations: 100_000, preemptionBound: bound, maxSteps: 30);

        Assert.True(report.StepBoundCuts > 0);
        Assert.False(report.Exhausted);
        Assert.All(report.Rounds, round => Assert.False(round.Complete && round.StepBoundCuts > 0));
    }

    [Fact]
    public void IterativePreemptionBoundingReportsEveryBoundUntilNothingIsCut()
    {
        var report = Explore.Body(SpinWithYield, "iterative-pb", iterations: 100_000);

        Assert.True(report.Exhausted);
        Assert.Equal(Enumerable.Range(0, report.Rounds.Count), report.Rounds.Select(r => r.Bound));
        Assert.All(report.Rounds, round => Assert.True(round.Complete));
        Assert.Equal(report.Iterations, report.Rounds.Sum(r => r.Schedules));
        Assert.True(report.Rounds.Count > 1);
    }

    /// <summary>Two threads with two writes each: round-robin order and the schedules one delay away.</summary>
    private static Task TwoWriters(IRuntime rt)
    {
        for (var t = 0; t < 2; t++)
        {
            var cell = rt.NewCell($"x{t}", 0);
            rt.Spawn($"cpu{t}", async () =>
            {
                await cell.WriteOnce(1);
                await cell.WriteOnce(2);
            });
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void DelayBoundZeroIsTheOneRoundRobinSchedule()
    {
        var report = Explore.Body(TwoWriters, "delay-bounding", iterations: 1000, preemptionBound: 0);

        Assert.Equal(1, report.Iterations);
        Assert.True(Assert.Single(report.Rounds).Complete);
        Assert.True(report.Exhausted, "the space bounded by 0 delays is that one schedule");
    }

    [Fact]
    public void DelayBoundingFindsAOneDelayBugInRoundOne()
    {
        // The bug needs cpu1 to run between cpu0's two steps: one delay.
        var report = Explore.Body(rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.Spawn("cpu0", async () =>
            {
                await x.WriteOnce(1);
                rt.Assert(await x.ReadOnce() == 1, "overwritten");
            });
            rt.Spawn("cpu1", async () => await x.WriteOnce(2));
            return Task.CompletedTask;
        }, "delay-bounding", iterations: 1000);

        Assert.True(report.FoundBug);
        Assert.Equal(1, report.Rounds[^1].Bound);
    }
}

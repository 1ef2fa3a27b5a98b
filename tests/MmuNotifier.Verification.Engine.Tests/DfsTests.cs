// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>DFS enumerates exactly the schedules a program has, counted by hand.</summary>
public sealed class DfsTests
{
    /// <summary>Two threads, each with <paramref name="steps"/> independent writes, and nothing else.</summary>
    private static Func<IRuntime, Task> Writers(int threads, int steps) => rt =>
    {
        for (var t = 0; t < threads; t++)
        {
            var cell = rt.NewCell($"x{t}", 0);
            rt.Spawn($"cpu{t}", async () =>
            {
                for (var i = 0; i < steps; i++) await cell.WriteOnce(i);
            });
        }

        return Task.CompletedTask;
    };

    [Theory]
    [InlineData(2, 1, 2)]      // AB, BA
    [InlineData(2, 2, 6)]      // C(4,2)
    [InlineData(2, 3, 20)]     // C(6,3)
    [InlineData(3, 1, 6)]      // 3!
    [InlineData(3, 2, 90)]     // 6! / (2! 2! 2!)
    public void CountsEveryInterleaving(int threads, int steps, int expected)
    {
        var report = Explore.Body(Writers(threads, steps), "dfs", iterations: 10_000);

        Assert.True(report.Exhausted);
        Assert.Equal(expected, report.Iterations);
        Assert.Equal(expected, report.DistinctSchedules);
    }

    [Theory]
    [InlineData(0, 2)]   // AABB, BBAA
    [InlineData(1, 4)]   // + ABBA, BAAB
    [InlineData(2, 6)]   // + ABAB, BABA
    [InlineData(null, 6)]
    public void PreemptionBoundPrunes(int? bound, int expected)
    {
        var report = Explore.Body(Writers(2, 2), "dfs", iterations: 10_000, preemptionBound: bound);

        Assert.True(report.Exhausted);
        Assert.Equal(expected, report.Iterations);
    }

    [Fact]
    public void ChoicesAreBranchesToo()
    {
        // One thread choosing among 3 values, then another among 2: 6 schedules, one per pair.
        var report = Explore.Body(async rt =>
        {
            _ = await rt.Choose("first", 3);
            _ = await rt.ChooseBool("second");
        }, "dfs", iterations: 100);

        Assert.True(report.Exhausted);
        Assert.Equal(6, report.Iterations);
    }

    [Fact]
    public void BudgetSmallerThanTheSpaceIsNotExhausted()
    {
        var report = Explore.Body(Writers(2, 3), "dfs", iterations: 5);

        Assert.False(report.Exhausted);
        Assert.Equal(5, report.Iterations);
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Same program, strategy and seed: the same schedules and the same bug, every time.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData("random")]
    [InlineData("pct")]
    [InlineData("portfolio")]
    public void SameSeedSameTrace(string strategy)
    {
        var body = SampleCatalog.Find("srcu-free-before-sync")!.Body;

        var first = Explore.Body(body, strategy, seed: 11).Bugs[0];
        var second = Explore.Body(body, strategy, seed: 11).Bugs[0];

        Assert.Equal(first.Trace.Iteration, second.Trace.Iteration);
        Assert.Equal(first.Trace.Decisions, second.Trace.Decisions);
        Assert.Equal(first.Bug, second.Bug);
    }

    [Fact]
    public void DifferentSeedsExploreDifferentSchedules()
    {
        var body = SampleCatalog.Find("lost-update")!.Body;

        var schedules = Enumerable.Range(1, 10)
            .Select(seed => string.Join(" ", Explore.Body(body, seed: (ulong)seed).Bugs[0].Trace.Decisions))
            .Distinct()
            .Count();

        Assert.True(schedules > 1, "ten seeds all produced the same failing schedule");
    }

    [Theory]
    [InlineData("random", 1)]
    [InlineData("dfs", 1)]
    [InlineData("dfs", 2)]
    public void StaticStateLeakingBetweenSchedulesIsAHarnessError(string strategy, int workers)
    {
        var leaked = 0;
        var report = Explore.Body(async rt =>
        {
            var cell = rt.NewCell("x", 0);
            // Only the first run of a schedule takes the extra step: state from an earlier run leaks.
            if (Interlocked.Increment(ref leaked) % 2 == 0) await cell.WriteOnce(1);
            await cell.WriteOnce(2);
            rt.Spawn("other", async () => await cell.WriteOnce(3));
        }, strategy, workers: workers);

        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.HarnessError, report.Bugs[0].Bug.Kind);
        Assert.Contains("nondeterminism", report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void RealRandomnessIsAHarnessError()
    {
        var report = Explore.Body(async rt =>
        {
            var cell = rt.NewCell(Random.Shared.Next(2) == 0 ? "heads" : "tails", 0);
            for (var i = 0; i < 4; i++) await cell.WriteOnce(i);
        }, iterations: 50);

        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.HarnessError, report.Bugs[0].Bug.Kind);
    }
}

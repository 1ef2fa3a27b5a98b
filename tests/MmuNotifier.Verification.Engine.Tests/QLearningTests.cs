// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>The q-learning strategy: finds the classic bugs, stays silent on their twins, and is deterministic per seed.</summary>
public sealed class QLearningTests
{
    [Theory]
    [InlineData("lost-update")]
    [InlineData("ab-ba-deadlock")]
    [InlineData("lost-wakeup")]
    [InlineData("reorder_3")]
    [InlineData("circular_buffer")]
    public void FindsTheBug(string sample)
    {
        var report = Explore.Body(SampleCatalog.Find(sample)!.Body, "q-learning", iterations: 2000, seed: 1);

        Assert.True(report.FoundBug, $"q-learning missed the bug of {sample} in 2000 schedules");
        Assert.True(report.Bugs[0].Bug.IsBug);
    }

    [Theory]
    [InlineData("lost-update-fixed")]
    [InlineData("ab-ba-fixed")]
    [InlineData("lost-wakeup-fixed")]
    public void TheTwinIsClean(string sample)
    {
        var report = Explore.Body(SampleCatalog.Find(sample)!.Body, "q-learning", iterations: 300, seed: 1);

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
    }

    [Fact]
    public void SameSeedSameSchedulesOtherSeedOthers()
    {
        var body = SampleCatalog.Find("circular_buffer")!.Body;

        var first = Explore.Body(body, "q-learning", iterations: 2000, seed: 4);
        var again = Explore.Body(body, "q-learning", iterations: 2000, seed: 4);

        Assert.Equal(first.Iterations, again.Iterations);
        Assert.Equal(first.Bugs[0].Trace.Decisions, again.Bugs[0].Trace.Decisions);
        var other = Explore.Body(body, "q-learning", iterations: 2000, seed: 5);
        Assert.NotEqual(first.Bugs[0].Trace.Decisions, other.Bugs[0].Trace.Decisions);
    }

    [Fact]
    public void LearningSpreadsTheSchedulesOverMoreDistinctOnesThanItsFirstGuesses()
    {
        // With every Q value 0 the policy is uniform; the visit-count penalty then steers away
        // from states seen often, so a clean program's schedules keep being new ones.
        var report = Explore.Body(SampleCatalog.Find("lost-update-fixed")!.Body, "q-learning", iterations: 300, seed: 2, stopAtFirstBug: false);

        Assert.True(report.DistinctSchedules > 1, $"only {report.DistinctSchedules} distinct schedules");
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Every classic bug is found by every strategy within a small budget; its corrected twin never shows one.</summary>
public sealed class SampleProgramTests
{
    public static TheoryData<string, string> Buggy() => Cross(s => s.HasBug);

    public static TheoryData<string, string> Correct() => Cross(s => !s.HasBug);

    [Theory]
    [MemberData(nameof(Buggy))]
    public void BuggySampleIsFound(string sample, string strategy)
    {
        var report = Explore.Body(SampleCatalog.Find(sample)!.Body, strategy, iterations: 200);

        Assert.True(report.FoundBug, $"{strategy} missed the bug of {sample} in 200 schedules");
        Assert.True(report.Bugs[0].Bug.IsBug, report.Bugs[0].ToString());
    }

    [Theory]
    [MemberData(nameof(Correct))]
    public void CorrectSampleShowsNoBug(string sample, string strategy)
    {
        var report = Explore.Body(SampleCatalog.Find(sample)!.Body, strategy, iterations: 300);

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
        if (strategy == "dfs") Assert.True(report.Exhausted, "DFS should exhaust these small programs");
    }

    [Theory]
    [InlineData("lost-update", "Assertion")]
    [InlineData("ab-ba-deadlock", "Deadlock")]
    [InlineData("lost-wakeup", "Deadlock")]
    [InlineData("sleep-under-spinlock", "SleepInAtomic")]
    [InlineData("srcu-free-before-sync", "UseAfterFree")]
    [InlineData("srcu-free-before-unlink", "UseAfterFree")]
    public void BugHasTheExpectedKind(string sample, string kind)
    {
        var report = Explore.Body(SampleCatalog.Find(sample)!.Body, "dfs");

        Assert.Equal(kind, report.Bugs[0].Bug.Kind.ToString());
    }

    private static TheoryData<string, string> Cross(Func<SampleProgram, bool> filter)
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in SampleCatalog.All.Where(filter).Except(Samples.Benchmarks.BenchmarkCatalog.All))  // benchmarks: BenchmarkProgramTests
            foreach (var strategy in new[] { "random", "pct", "dfs", "portfolio" })
                data.Add(sample.Name, strategy);
        return data;
    }
}

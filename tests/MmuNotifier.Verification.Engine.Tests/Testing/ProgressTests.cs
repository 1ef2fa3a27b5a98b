// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Testing;

/// <summary>
/// The progress an exploration reports last (each worker counts into its own counters) adds up to
/// what the report says: every schedule, step and finding of every worker, whatever the strategy.
/// </summary>
public sealed class ProgressTests
{
    private static readonly TestProgram LostUpdate =
        new(new TraceSubject("sample", "lost-update"), SampleCatalog.Find("lost-update")!.Body);

    [Theory]
    [InlineData("random", 1)]
    [InlineData("random", 2)]
    [InlineData("pct", 2)]
    [InlineData("dfs", 2)]
    [InlineData("dpor", 2)]
    public void The_last_progress_counts_every_schedule_step_and_finding_of_every_worker(string strategy, int workers)
    {
        ExplorationProgress? last = null;
        var report = Explorer.Explore(LostUpdate, new ExplorationOptions
        {
            Strategy = strategy, Seed = 3, Iterations = 300, Workers = workers, StopAtFirstBug = false,
            Progress = p => last = p,
        });

        Assert.True(report.BuggyIterations > 0, "the lost update was never found: the test checks nothing");
        Assert.NotNull(last);
        Assert.Equal(report.Iterations, last.Value.Iterations);
        Assert.Equal(report.TotalSteps, last.Value.Steps);
        Assert.Equal(report.BuggyIterations, last.Value.Bugs);
    }
}

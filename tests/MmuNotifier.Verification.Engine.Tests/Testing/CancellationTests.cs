// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Testing;

/// <summary>
/// ExplorationOptions.Cancellation stops every kind of worker at a schedule boundary and marks the
/// report interrupted; an exploration that is not cancelled is not marked.
/// </summary>
public sealed class CancellationTests
{
    private static readonly TestProgram Program =
        new(new TraceSubject("sample", "srcu-call-fixed"), SampleCatalog.Find("srcu-call-fixed")!.Body);

    [Theory]
    [InlineData("random", 1)]
    [InlineData("random", 2)]
    [InlineData("dfs", 2)]
    public void A_cancelled_exploration_starts_no_further_schedule_and_says_it_was_interrupted(string strategy, int workers)
    {
        using var cancel = new CancellationTokenSource();
        var report = Explorer.Explore(Program, new ExplorationOptions
        {
            Strategy = strategy,
            Iterations = long.MaxValue,
            Workers = workers,
            Cancellation = cancel.Token,
            // Cancelled from inside the run, after some schedules, as a signal handler would.
            Progress = p =>
            {
                if (p.Iterations > 0) cancel.Cancel();
            },
        });

        Assert.True(report.Interrupted);
        Assert.False(report.Exhausted);
        Assert.True(report.Iterations < long.MaxValue);
    }

    [Fact]
    public void An_exploration_that_is_not_cancelled_is_not_interrupted() =>
        Assert.False(Explorer.Explore(Program, new ExplorationOptions { Iterations = 50 }).Interrupted);
}

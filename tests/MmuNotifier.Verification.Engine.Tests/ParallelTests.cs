// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Samples;

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

/// <summary>Parallel DFS searches disjoint subtrees and merges them in sequential order.</summary>
public sealed class ParallelDfsTests
{
    private static Func<MmuNotifier.Verification.Engine.Abstractions.IRuntime, Task> Writers(int threads, int steps) => rt =>
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
    [InlineData(null, 0UL, 90)]
    [InlineData(null, 3UL, 90)]
    // One preemption: 3! with none, + 3·2·2 when the first thread is cut after one step,
    // + 3·2 when the second one is.
    [InlineData(1, 0UL, 24)]
    public void SameScheduleCountOnOneOrTwoWorkers(int? bound, ulong seed, int expected)
    {
        var one = Explore.Body(Writers(3, 2), "dfs", iterations: 10_000, preemptionBound: bound, seed: seed, workers: 1);
        var two = Explore.Body(Writers(3, 2), "dfs", iterations: 10_000, preemptionBound: bound, seed: seed, workers: 2);

        Assert.True(one.Exhausted);
        Assert.True(two.Exhausted);
        Assert.Equal(expected, one.Iterations);
        Assert.Equal(one.Iterations, two.Iterations);
        Assert.Equal(one.TotalSteps, two.TotalSteps);
        Assert.Equal(one.DistinctSchedules, two.DistinctSchedules);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(5UL)]
    public void SameFirstBugOnOneOrTwoWorkers(ulong seed)
    {
        var body = SampleCatalog.Find("srcu-free-before-sync")!.Body;

        var one = Explore.Body(body, "dfs", seed: seed, workers: 1);
        var two = Explore.Body(body, "dfs", seed: seed, workers: 2);

        Assert.Equal(one.Bugs[0].Trace.Decisions, two.Bugs[0].Trace.Decisions);
        Assert.Equal(one.Bugs[0].Trace.Iteration, two.Bugs[0].Trace.Iteration);
        Assert.Equal(one.Iterations, two.Iterations);
    }

    [Fact]
    public void SeedChangesTheOrderButNotTheSpace()
    {
        var body = SampleCatalog.Find("srcu-call-fixed")!.Body;

        var canonical = Explore.Body(body, "dfs", seed: 0, iterations: 10_000);
        var shuffled = Explore.Body(body, "dfs", seed: 9, iterations: 10_000);
        var bugAt = Enumerable.Range(1, 8)
            .Select(seed => Explore.Body(SampleCatalog.Find("srcu-free-before-sync")!.Body, "dfs", seed: (ulong)seed).Bugs[0].Trace.Iteration)
            .Distinct()
            .Count();

        Assert.Equal(canonical.Iterations, shuffled.Iterations);
        Assert.True(bugAt > 1, "every seed found the bug at the same schedule: the seed does not reorder the search");
    }

    /// <summary>
    /// A lost update (b's read-modify-write races a's write) that the spinner asserts against once
    /// a's flag is up, and a spinner that, scheduled on and on before a sets the flag, runs into
    /// the step bound: both kinds of result in one small, bounded tree.
    /// </summary>
    private static Task LostUpdateAndSpinner(MmuNotifier.Verification.Engine.Abstractions.IRuntime rt)
    {
        var x = rt.NewCell("x", 0);
        var flag = rt.NewCell("flag", 0);
        rt.Spawn("a", async () =>
        {
            await x.WriteOnce(1);
            await flag.WriteOnce(1);
        });
        rt.Spawn("b", async () =>
        {
            var seen = await x.ReadOnce();
            await x.WriteOnce(seen + 1);
        });
        rt.Spawn("spinner", async () =>
        {
            while (await flag.ReadOnce() == 0)
            {
            }

            rt.Assert(await x.ReadOnce() == 2, "lost update");
        });
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(4UL)]
    public void StepBoundHitsBugsAndBuggyCountAreTheSameOnOneOrFourWorkers(ulong seed)
    {
        var one = Explore.Body(LostUpdateAndSpinner, "dfs", iterations: 100_000, preemptionBound: 2, seed: seed, stopAtFirstBug: false,
            maxSteps: 40, workers: 1);
        var four = Explore.Body(LostUpdateAndSpinner, "dfs", iterations: 100_000, preemptionBound: 2, seed: seed, stopAtFirstBug: false,
            maxSteps: 40, workers: 4);

        // The spinner's runs are cut by the step bound, so the space is not exhausted, on any number of workers.
        Assert.False(one.Exhausted);
        Assert.False(four.Exhausted);
        Assert.NotEmpty(one.StepBoundHits);
        Assert.Equal(one.StepBoundCuts, four.StepBoundCuts);
        Assert.True(one.BuggyIterations > 1, $"expected several buggy schedules, got {one.BuggyIterations}");
        Assert.Equal(one.Iterations, four.Iterations);
        Assert.Equal(one.BuggyIterations, four.BuggyIterations);
        Assert.Equal(Describe(one.StepBoundHits), Describe(four.StepBoundHits));
        Assert.Equal(Describe(one.Bugs), Describe(four.Bugs));
    }

    [Fact]
    public void ReportsAreCappedButEveryBuggyScheduleIsCounted()
    {
        var one = Explore.Body(LostUpdateAndSpinner, "dfs", iterations: 100_000, preemptionBound: 2, stopAtFirstBug: false, maxSteps: 40);
        var four = Explore.Body(LostUpdateAndSpinner, "dfs", iterations: 100_000, preemptionBound: 2, stopAtFirstBug: false, maxSteps: 40,
            workers: 4);

        Assert.True(one.BuggyIterations > Engine.Testing.ScheduleRunner.MaxBugReports, $"only {one.BuggyIterations} buggy schedules");
        Assert.Equal(Engine.Testing.ScheduleRunner.MaxBugReports, one.Bugs.Count);
        Assert.Equal(Engine.Testing.ScheduleRunner.MaxBugReports, four.Bugs.Count);
        Assert.Equal(Engine.Testing.ScheduleRunner.MaxStepBoundReports, four.StepBoundHits.Count);
    }

    private static List<string> Describe(IEnumerable<Engine.Testing.BugReport> reports) =>
        reports.Select(r => $"{r.Trace.Iteration}: {r.Bug.Kind} {string.Join(" ", r.Trace.Decisions)}").ToList();
}

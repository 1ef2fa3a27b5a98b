// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Samples;

namespace MmuNotifier.Verification.Engine.Tests.Liveness;

/// <summary>Hot/cold liveness monitors: a liveness bug is reported apart from deadlocks and from step-bound cuts.</summary>
public sealed class LivenessTests
{
    private static readonly Func<IRuntime, Task> Spinning = SpinOnUnsetFlag.Forgotten;

    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void SpinForAFlagNobodySetsIsALivenessBugUnderAFairStrategy(string strategy)
    {
        var report = Explore.Body(Spinning, strategy, iterations: 5, maxSteps: 2000);

        Assert.True(report.FoundBug, "the spinner's monitor stayed hot and nothing was reported");
        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.Liveness, bug.Kind);
        Assert.Equal(SpinOnUnsetFlag.Property, bug.Invariant);
        Assert.True(bug.IsBug);
        Assert.Empty(report.StepBoundHits);
    }

    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void TheTwinThatSetsTheFlagIsClean(string strategy)
    {
        var report = Explore.Body(SpinOnUnsetFlag.Set, strategy, iterations: 300, maxSteps: 2000);

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
        Assert.Equal(0, report.StepBoundCuts);
    }

    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void AFlagLostInSomeSchedulesIsFoundButNotInEverySchedule(string strategy)
    {
        // The claimer must win a race of four of its steps against one of the worker's: a fair
        // strategy finds the losing order within the budget, and not on its first schedule in
        // every seed (the bug needs that order; SpinOnUnsetFlag shows in every schedule).
        var firsts = Enumerable.Range(1, 5).Select(seed => Explorer.Explore(TestProgram.Sample("lost", SpinOnLostFlag.Run),
            new ExplorationOptions { Strategy = strategy, Iterations = 300, Seed = (ulong)seed, MaxSteps = 2000 })).ToList();

        Assert.All(firsts, report => Assert.Equal(BugKind.Liveness, Assert.Single(report.Bugs).Bug.Kind));
        Assert.Contains(firsts, report => report.Bugs[0].Trace.Iteration > 0);
    }

    [Fact]
    public void AnUnfairStrategyReportsOnlyTheStepBoundCut()
    {
        // Random may starve anyone, so its cut proves nothing: a possible livelock, listed apart.
        var report = Explore.Body(Spinning, "random", iterations: 3, maxSteps: 500);

        Assert.False(report.FoundBug);
        Assert.Equal(3, report.StepBoundCuts);
        Assert.All(report.StepBoundHits, hit => Assert.Equal(BugKind.StepBoundExceeded, hit.Bug.Kind));
    }

    [Fact]
    public void TheThresholdReportsLongBeforeTheStepBound()
    {
        var options = new ExplorationOptions { Strategy = "fair-random", Iterations = 1, Seed = 2, MaxSteps = 100_000, LivenessThreshold = 250 };

        var report = Explorer.Explore(TestProgram.Sample("spin", Spinning), options);

        var bug = Assert.Single(report.Bugs).Bug;
        Assert.Equal(BugKind.Liveness, bug.Kind);
        Assert.InRange(bug.Step, 251, 260);
        Assert.Contains("hot for more than 250 steps", bug.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("dfs")]
    public void ARunThatEndsWithAnObligationPendingIsALivenessBugUnderAnyStrategy(string strategy)
    {
        var report = Explore.Body(rt => ServerExits(rt, serves: false), strategy, iterations: 50);

        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.Liveness, report.Bugs[0].Bug.Kind);
        Assert.Contains("still hot when every thread had finished", report.Bugs[0].Bug.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("dfs")]
    public void ARunThatMeetsItsObligationIsClean(string strategy)
    {
        var report = Explore.Body(rt => ServerExits(rt, serves: true), strategy, iterations: 50);

        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].ToString() : "");
    }

    [Fact]
    public void ADeadlockWithAMonitorHotIsADeadlock()
    {
        var report = Explore.Body(rt =>
        {
            var monitor = rt.NewLivenessMonitor("never");
            var wq = rt.NewWaitQueue("wq");
            var flag = rt.NewCell("flag", false);
            rt.Spawn("waiter", async () =>
            {
                monitor.Hot("waiter waits for flag");
                await wq.WaitEvent(flag, set => set);
                monitor.Cold();
            });
            return Task.CompletedTask;
        }, "fair-random", iterations: 1);

        Assert.Equal(BugKind.Deadlock, report.Bugs[0].Bug.Kind);
    }

    [Theory]
    [InlineData("fair-random")]
    [InlineData("fair-pct")]
    public void SameSeedSameLivenessTraceAndTheTraceReplays(string strategy)
    {
        var first = Explore.Body(Spinning, strategy, iterations: 5, maxSteps: 1000, seed: 11);
        var second = Explore.Body(Spinning, strategy, iterations: 5, maxSteps: 1000, seed: 11);

        Assert.Equal(first.Bugs[0].Trace.Decisions, second.Bugs[0].Trace.Decisions);
        Assert.Equal(500, first.Bugs[0].Trace.LivenessThreshold);
        var replay = Explorer.Replay(TestProgram.Sample("test", Spinning), first.Bugs[0].Trace);
        Assert.Equal(BugKind.Liveness, replay.Bugs[0].Kind);
        Assert.Equal(first.Bugs[0].Bug.Step, replay.Bugs[0].Step);
    }

    /// <summary>A client posts a request and marks it pending; the server may exit without serving it.</summary>
    private static Task ServerExits(IRuntime rt, bool serves)
    {
        var request = rt.NewCell("request", 0);
        var pending = rt.NewLivenessMonitor("request-served");
        rt.Spawn("client", async () =>
        {
            pending.Hot("request 1 posted, not served");
            await request.WriteOnce(1);
        });
        rt.Spawn("server", async () =>
        {
            if (!serves) return;
            while (await request.ReadOnce() == 0) await rt.Yield();
            pending.Cold();
        });
        return Task.CompletedTask;
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Assert, WARN_ON, BUG_ON, monitors and the step bound.</summary>
public sealed class CheckingTests
{
    [Fact]
    public void WarnOnReportsAndLetsTheRunGoOn()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.WarnOn(true, "odd state");
            await x.WriteOnce(1);
            rt.Assert(x.Peek() == 2, "the run went on after the warning");
        }, iterations: 1);

        var bugs = report.Bugs[0].AllBugsOfRun;
        Assert.Equal(BugKind.WarnOn, bugs[0].Kind);
        Assert.Equal(BugComponent.Warning, bugs[0].Component);
        Assert.Equal(BugKind.Assertion, bugs[1].Kind);
    }

    [Fact]
    public void WarnOnAloneMakesTheRunBuggy()
    {
        var report = Explore.Body(rt =>
        {
            rt.WarnOn(true, "odd state");
            return Task.CompletedTask;
        }, iterations: 1);

        Assert.Equal(BugKind.WarnOn, report.Bugs[0].Bug.Kind);
    }

    [Fact]
    public void BugOnStopsTheRun()
    {
        var report = Explore.Body(async rt =>
        {
            var x = rt.NewCell("x", 0);
            rt.BugOn(true, "impossible");
            await x.WriteOnce(1);
        }, iterations: 1);

        Assert.Single(report.Bugs[0].AllBugsOfRun);
        Assert.Equal(BugKind.BugOn, report.Bugs[0].Bug.Kind);
        Assert.Equal(0, report.Bugs[0].Bug.Step);
    }

    [Fact]
    public void MonitorReportsANamedInvariantAfterTheStepThatBreaksIt()
    {
        var report = Explore.Body(rt =>
        {
            var seq = rt.NewCell("invalidate_seq", 2L);
            rt.AddMonitor("even-seq", () => seq.Peek() % 2 == 0 ? null : $"invalidate_seq is {seq.Peek()}");
            rt.Spawn("cpu0", async () =>
            {
                await seq.WriteOnce(3);
                await seq.WriteOnce(4);
            });
            return Task.CompletedTask;
        }, iterations: 1);

        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.InvariantViolation, bug.Kind);
        Assert.Equal("even-seq", bug.Invariant);
        Assert.Equal(1, bug.Step);
    }

    [Fact]
    public void StepBoundIsReportedApartFromBugs()
    {
        var report = Explore.Body(async rt =>
        {
            var flag = rt.NewCell("flag", false);
            while (!await flag.ReadOnce()) await rt.Yield();   // nobody ever sets it
        }, iterations: 3, maxSteps: 100);

        Assert.False(report.FoundBug);
        Assert.NotEmpty(report.StepBoundHits);
        Assert.Equal(BugKind.StepBoundExceeded, report.StepBoundHits[0].Bug.Kind);
        Assert.False(report.StepBoundHits[0].Bug.IsBug);
    }
}

/// <summary>A finding filter makes exploration skip runs that only show what is not being looked for.</summary>
public sealed class FindingFilterTests
{
    private static readonly Func<MmuNotifier.Verification.Engine.Abstractions.IRuntime, Task> WarnAlwaysAssertSometimes = rt =>
    {
        var x = rt.NewCell("x", 0);
        rt.WarnOn(true, "a warning every run");
        rt.Spawn("a", async () => await x.WriteOnce(1));
        rt.Spawn("b", async () =>
        {
            var seen = await x.ReadOnce();
            rt.Assert(seen == 0, "b ran after a");
        });
        return Task.CompletedTask;
    };

    [Theory]
    [InlineData("random")]
    [InlineData("dfs")]
    public void RunsWithoutTheWantedBugAreSkipped(string strategy)
    {
        var unfiltered = Explorer.Explore(TestProgram.Sample("t", WarnAlwaysAssertSometimes),
            new ExplorationOptions { Strategy = strategy, Iterations = 100, Seed = 3 });
        var filtered = Explorer.Explore(TestProgram.Sample("t", WarnAlwaysAssertSometimes),
            new ExplorationOptions
            {
                Strategy = strategy,
                Iterations = 100,
                Seed = 3,
                FindingFilter = bugs => bugs.Any(b => b.Kind == BugKind.Assertion),
            });

        Assert.Equal(BugKind.WarnOn, unfiltered.Bugs[0].Bug.Kind);
        Assert.Equal(0, unfiltered.Bugs[0].Trace.Iteration);
        Assert.Equal(BugKind.Assertion, filtered.Bugs[0].Bug.Kind);
    }
}

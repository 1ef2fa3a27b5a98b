// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// AddMonitor's watches: a monitor with a watch set runs only after steps on a watched object
/// or on an object of a watched allocation, one without runs after every step.
/// </summary>
public sealed class MonitorWatchTests
{
    private static ExplorationReport Run(Func<IRuntime, Task> body) =>
        Explorer.Explore(new TestProgram(new TraceSubject("test", "monitor-watches", null, null), body),
            new ExplorationOptions { Strategy = "random", Iterations = 1, Seed = 1 });

    [Fact]
    public void AWatchedMonitorRunsOnlyAfterStepsOnWhatItWatches()
    {
        var watchedRuns = 0;
        var everyStepRuns = 0;
        var report = Run(async rt =>
        {
            var allocation = rt.NewLifetime("object");
            var owned = rt.NewCell("object.field", 0, allocation);
            var watched = rt.NewCell("watched", 0);
            var other = rt.NewCell("other", 0);
            rt.AddMonitor("watched", () => { watchedRuns++; return null; }, watches: new WatchSet(watched, allocation));
            rt.AddMonitor("every-step", () => { everyStepRuns++; return null; });
            await other.Write(1);
            await other.Write(2);
            await watched.Write(1);
            await owned.Write(1);
            await other.Write(3);
        });

        Assert.False(report.FoundBug);
        Assert.Equal(2, watchedRuns);
        Assert.True(everyStepRuns >= 5, $"every-step monitor ran {everyStepRuns} times");
    }

    [Fact]
    public void AWatchedMonitorFiresAfterAStepOnItsObject()
    {
        var report = Run(async rt =>
        {
            var seq = rt.NewCell("seq", 0UL);
            rt.AddMonitor("even-seq", () => seq.Peek() % 2 == 0 ? null : $"seq is {seq.Peek()}", watches: new WatchSet(seq));
            await seq.Write(1);
        });

        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.InvariantViolation, report.Bugs[0].Bug.Kind);
        Assert.Equal("even-seq", report.Bugs[0].Bug.Invariant);
    }

    [Fact]
    public void AWatchedMonitorIsSilentAfterStepsOnOtherObjects()
    {
        var report = Run(async rt =>
        {
            var seq = rt.NewCell("seq", 0UL);
            var other = rt.NewCell("other", 0UL);
            // The monitor reads a value only "other" steps change: watching "seq" never runs it.
            rt.AddMonitor("even-other", () => other.Peek() % 2 == 0 ? null : "odd", watches: new WatchSet(seq));
            await other.Write(1);
        });

        Assert.False(report.FoundBug);
    }
}

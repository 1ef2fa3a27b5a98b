// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// AddMonitor's watches: a monitor with a watch set runs only after steps on a watched object
/// or on an object of a watched allocation, one without runs after every step.
/// </summary>
public sealed class MonitorWatchTests
{
    private static ExplorationReport Run(Func<IRuntime, Task> body, string strategy = "random") =>
        Explorer.Explore(new TestProgram(new TraceSubject("test", "monitor-watches", null, null), body),
            new ExplorationOptions { Strategy = strategy, Iterations = 1, Seed = 1 });

    // random runs the checks alone; dpor (a reducing strategy) also compares what each monitor reads.
    [Theory]
    [InlineData("random")]
    [InlineData("dpor")]
    public void AMonitorThatThrowsIsAViolationOfItsInvariantAndEndsThePass(string strategy)
    {
        var laterSaw = new List<int>();
        var report = Run(async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            rt.AddMonitor("brittle", () => cell.Peek() == 2 ? throw new InvalidOperationException("broken") : null);
            rt.AddMonitor("later", () => { laterSaw.Add(cell.Peek()); return null; });
            await cell.Write(1);
            await cell.Write(2);
            await cell.Write(3);
        }, strategy);

        Assert.True(report.FoundBug);
        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.InvariantViolation, bug.Kind);
        Assert.Equal("brittle", bug.Invariant);
        Assert.Equal("monitor threw InvalidOperationException: broken", bug.Message);
        // Ran after the first write only (in the run and in the report's replay of it): the pass
        // after the second write stopped at the throwing monitor.
        Assert.NotEmpty(laterSaw);
        Assert.All(laterSaw, value => Assert.Equal(1, value));
    }

    [Theory]
    [InlineData("random")]
    [InlineData("dpor")]
    public void AMonitorThatNeverThrowsIsSilent(string strategy)
    {
        var report = Run(async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            rt.AddMonitor("brittle", () => cell.Peek() == 4 ? throw new InvalidOperationException("broken") : null);
            await cell.Write(1);
            await cell.Write(2);
            await cell.Write(3);
        }, strategy);

        Assert.False(report.FoundBug);
    }

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

    /// <summary>
    /// The runtime keeps its monitor records from run to run: a run that registers different
    /// monitors at the same places gets them as registered, not as the previous run left them.
    /// </summary>
    [Fact]
    public void A_monitor_registered_where_an_earlier_run_had_another_is_the_new_one()
    {
        var options = new ExplorationOptions();
        var runtime = ControlledRuntime.For(options);
        var strategy = new RandomStrategy(1);
        var everyStep = 0;
        Assert.True(strategy.InitializeIteration(0));
        runtime.Run(async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            rt.AddMonitor("watched", () => null, watches: new WatchSet(rt.NewCell("elsewhere", 0)));
            await cell.Write(1);
        }, strategy, options.MaxSteps);

        Assert.True(strategy.InitializeIteration(1));
        runtime.Run(async rt =>
        {
            var cell = rt.NewCell("cell", 0);
            rt.AddMonitor("every-step", () => { everyStep++; return cell.Peek() == 2 ? "cell is 2" : null; });
            await cell.Write(1);
            await cell.Write(2);
            await cell.Write(3);
        }, strategy, options.MaxSteps);

        Assert.Equal(2, everyStep);
        Assert.Equal("every-step", Assert.Single(runtime.Bugs).Invariant);
    }
}

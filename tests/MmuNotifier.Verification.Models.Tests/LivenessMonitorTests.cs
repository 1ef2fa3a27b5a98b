// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Scenarios;
using static MmuNotifier.Verification.Models.Tests.Models;

namespace MmuNotifier.Verification.Models.Tests;

/// <summary>
/// The mirror's liveness monitor (read-begin-progress): hot from a fault's read_begin until the
/// fault ends. The faithful scenarios meet it under fair schedules; it fires when a fair schedule
/// holds it longer than a (deliberately too small) liveness threshold.
/// </summary>
public sealed class LivenessMonitorTests
{
    private static ExplorationReport Run(string scenario, string strategy, long iterations, int maxSteps) =>
        Explorer.Explore(ScenarioProgram.Build(Get(scenario), KernelConfig.Faithful), new ExplorationOptions
        {
            Strategy = strategy,
            Iterations = iterations,
            Seed = 1,
            MaxSteps = maxSteps,
        });

    [Theory]
    [InlineData("fault-vs-zap", "fair-random")]
    [InlineData("fault-vs-zap", "fair-pct")]
    [InlineData("overlapping-mirrors", "fair-random")]
    [InlineData("deferred-remove", "fair-pct")]
    [InlineData("exit-vs-fault-remove", "fair-random")]
    public void FaithfulScenariosMeetTheObligationUnderFairSchedules(string scenario, string strategy)
    {
        var report = Run(scenario, strategy, iterations: 300, maxSteps: 5000);

        Assert.False(report.FoundBug, report.FoundBug ? Describe(report) : "");
        Assert.Equal(0, report.StepBoundCuts);
    }

    [Fact]
    public void AFaultLongerThanTheThresholdLeavesTheMonitorHot()
    {
        // A threshold below a fault's length under fair round-robin: the fault is still going when
        // it is passed, which is how a retry loop that never ends looks.
        var report = Explorer.Explore(ScenarioProgram.Build(Get("fault-vs-zap"), KernelConfig.Faithful),
            new ExplorationOptions { Strategy = "fair-random", Iterations = 20, Seed = 1, MaxSteps = 5000, LivenessThreshold = 5 });

        Assert.True(report.FoundBug, "the monitor never fired");
        var bug = report.Bugs[0].Bug;
        Assert.Equal(BugKind.Liveness, bug.Kind);
        Assert.Equal(HmmMirror.ReadBeginProgress, bug.Invariant);
        Assert.Equal(BugComponent.Driver, bug.Component);
        Assert.Contains("entered mmu_interval_read_begin", bug.Message, StringComparison.Ordinal);
    }
}

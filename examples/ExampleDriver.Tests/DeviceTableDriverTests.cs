// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Drivers;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;

namespace ExampleDriver;

/// <summary>Explores the example driver's scenario: clean as written, and the checker finds the broken variant's bug.</summary>
public sealed class DeviceTableDriverTests
{
    private static Scenario LoadScenario()
    {
        // Register before parsing: the scenario names the model "device-table".
        UserModels.Register(DeviceTableDriver.Info);
        return ScenarioParser.Load(Path.Combine(AppContext.BaseDirectory, "device-table-fault-vs-zap.json"));
    }

    private static ExplorationReport Explore(Scenario scenario, WorldOptions? options = null) =>
        Explorer.Explore(ScenarioProgram.Build(scenario, options), new ExplorationOptions
        {
            Strategy = "pct",
            Iterations = 2000,
            Seed = 11,
            MaxSteps = 5_000,
        });

    [Fact]
    public void TheDriverIsCleanOnEveryExploredSchedule()
    {
        var report = Explore(LoadScenario());
        Assert.False(report.FoundBug, report.FoundBug ? report.Bugs[0].Bug.Message : "");
    }

    [Fact]
    public void TheCheckerFindsTheMissingReadRetry()
    {
        var broken = new WorldOptions
        {
            Variant = "device-table-skips-read-retry",
            User = (world, spec) => spec.User == DeviceTableDriver.ModelName ? new DeviceTableDriverSkippingRetry(world, spec) : null,
        };
        var report = Explore(LoadScenario(), broken);
        Assert.True(report.FoundBug);
        Assert.Equal(BugKind.InvariantViolation, report.Bugs[0].Bug.Kind);
        Assert.Equal(InvariantNames.NoMissedInvalidation, report.Bugs[0].Bug.Invariant);
    }
}

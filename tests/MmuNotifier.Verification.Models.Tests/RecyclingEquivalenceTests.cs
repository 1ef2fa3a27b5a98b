// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests;

/// <summary>
/// The engine renews the previous schedule's primitives for the next one (the world builds them
/// in the same order each time). On every scenario of models/, faithful and with each catalogued
/// defect, under random and PCT with every detector on, that changes nothing: the same steps,
/// decisions and bug texts as with a new primitive for every factory call.
/// </summary>
public sealed class RecyclingEquivalenceTests
{
    public static TheoryData<string, string?> Cases()
    {
        var data = new TheoryData<string, string?>();
        foreach (var scenario in Models.Catalog.All) data.Add(scenario.Name, null);
        foreach (var defect in DefectCatalogue.All)
            if (defect.Scenarios.Count > 0) data.Add(defect.Scenarios[0], defect.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Renewed_primitives_make_the_schedules_new_ones_make(string scenarioName, string? defect)
    {
        var program = ScenarioProgram.Build(Models.Get(scenarioName), defect is null ? KernelConfig.Faithful : DefectCatalogue.Config([defect]));
        var options = new ExplorationOptions { MaxSteps = 5_000 };
        long recycled = 0;
        foreach (var strategy in new[] { "random", "pct" })
        {
            var settings = new StrategySettings(Seed: 11, EstimatedLength: 200);
            var fresh = (Strategy: StrategyRegistry.Find(strategy).Create(settings), Runtime: ControlledRuntime.For(options, program));
            var renewing = (Strategy: StrategyRegistry.Find(strategy).Create(settings), Runtime: ControlledRuntime.For(options, program));
            fresh.Runtime.RecyclesPrimitives = false;
            for (var iteration = 0; iteration < 12; iteration++)
            {
                Assert.True(fresh.Strategy.InitializeIteration(iteration));
                Assert.True(renewing.Strategy.InitializeIteration(iteration));
                fresh.Runtime.Run(program.Body, fresh.Strategy, options.MaxSteps);
                renewing.Runtime.Run(program.Body, renewing.Strategy, options.MaxSteps);
                Assert.Equal(Outcome(fresh.Runtime), Outcome(renewing.Runtime));
            }

            recycled += renewing.Runtime.RecycledPrimitives;
        }

        Assert.True(recycled > 0, "no primitive was renewed, so nothing was compared");
    }

    private static string Outcome(ControlledRuntime runtime) =>
        $"steps {runtime.Steps} hash {runtime.ScheduleHash} decisions {string.Join(",", runtime.Decisions)} " +
        $"bugs [{string.Join(" | ", runtime.Bugs.Select(b => $"{b.Kind} {b.Thread} {b.Invariant}: {b.Message}"))}]";
}

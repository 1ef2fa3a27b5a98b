// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;
using Xunit.Abstractions;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>
/// The port-defect hunts, run on the real models (ModelWorld and its monitors) over the scenarios
/// of models/ that the registry lists for each defect: the first of random, DFS (preemption
/// bound 2) and PCT that finds the defect within the budget (seed 1) must report its expected
/// finding, judged by its finding rule; the same strategy with the same budget finds nothing on
/// the faithful port, by the same rule.
/// </summary>
public sealed class PortDefectHuntTests(ITestOutputHelper output)
{
    private const long Budget = 2000;
    private const ulong Seed = 1;

    private static readonly (string Strategy, int? Bound)[] Finders = [("random", null), ("dfs", 2), ("pct", null)];

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var defect in DefectCatalogue.All.Where(d => d.InPort && d.MustBeFound))
            foreach (var scenario in defect.Scenarios)
                data.Add(defect.Name, scenario);
        return data;
    }

    internal static ExplorationReport Hunt(Defect defect, Scenario scenario, KernelConfig config, string strategy, int? bound, long budget) =>
        Explorer.Explore(ScenarioProgram.Build(scenario, config), new ExplorationOptions
        {
            Strategy = strategy,
            Seed = Seed,
            Iterations = budget,
            PreemptionBound = bound,
            MaxSteps = 5_000,
            FindingFilter = defect.FindingFilter,
        });

    [Theory]
    [MemberData(nameof(Pairs))]
    public void PortDefectIsFoundWhereTheFaithfulPortIsClean(string name, string scenarioName)
    {
        var defect = DefectCatalogue.Find(name)!;
        var scenario = Models.Get(scenarioName);
        foreach (var (strategy, bound) in Finders)
        {
            var found = Hunt(defect, scenario, DefectCatalogue.Config([name]), strategy, bound, Budget);
            if (!found.FoundBug) continue;

            // Kind and invariant: the models may blame a missed invalidation on the driver that
            // mapped (a component the registry does not fix).
            var run = found.Bugs[0];
            var expected = defect.Expected!;
            Assert.True(run.AllBugsOfRun.Any(b => b.Kind == expected.Kind && (expected.Invariant is null || b.Invariant == expected.Invariant)),
                $"{name} on {scenarioName} by {strategy}: expected {expected}, the run reported {string.Join("; ", run.AllBugsOfRun)}");

            var faithful = Hunt(defect, scenario, KernelConfig.Faithful, strategy, bound, Budget);
            Assert.False(faithful.FoundBug, $"faithful port on {scenarioName} by {strategy}: {Models.Describe(faithful)}");
            output.WriteLine($"{name} | {scenarioName} | {strategy} | schedule {run.Trace.Iteration + 1} | faithful clean over {faithful.Iterations}");
            return;
        }

        Assert.Fail($"{name} not found on {scenarioName} by random, dfs(pb=2) or pct within {Budget} schedules each");
    }
}

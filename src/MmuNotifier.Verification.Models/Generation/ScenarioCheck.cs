// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The property's body: explore one scenario (with the chosen port defects) under a fixed budget
/// — the sampling strategy, then bounded DFS when the scenario is small — and return the first
/// finding, or null when there is none. With <c>explored</c>, every exploration records coverage
/// and is handed to it.
/// </summary>
public static class ScenarioCheck
{
    public static BugReport? FirstFinding(Scenario scenario, IReadOnlyCollection<string> defects, FuzzBudget budget,
        FindingSignature? signature = null, Action<ExplorationReport>? explored = null)
    {
        var program = ScenarioProgram.Build(ScenarioValidation.Require(scenario), defects);
        var filter = FindingSignature.Filter(signature);
        var sampled = Explorer.Explore(program, new ExplorationOptions
        {
            Strategy = budget.Strategy,
            Seed = budget.Seed,
            Iterations = budget.Schedules,
            MaxSteps = budget.MaxSteps,
            MemoryModel = budget.MemoryModel,
            FindingFilter = filter,
            RecordCoverage = explored is not null,
        });
        explored?.Invoke(sampled);
        if (sampled.FoundBug) return sampled.Bugs[0];
        if (scenario.Threads.Sum(t => t.Ops.Count) > budget.SmallScenarioOps) return null;

        var dfs = Explorer.Explore(program, new ExplorationOptions
        {
            Strategy = DfsStrategy.Descriptor.Name,
            Iterations = budget.DfsSchedules,
            PreemptionBound = budget.DfsPreemptionBound,
            MaxSteps = budget.MaxSteps,
            MemoryModel = budget.MemoryModel,
            FindingFilter = filter,
            RecordCoverage = explored is not null,
        });
        explored?.Invoke(dfs);
        return dfs.FoundBug ? dfs.Bugs[0] : null;
    }
}

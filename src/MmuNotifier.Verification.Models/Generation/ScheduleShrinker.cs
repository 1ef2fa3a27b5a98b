// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// The second level of shrinking: with the scenario minimal, the schedule. Preemption-bounded
/// DFS from bound 0 upward finds the fewest preemptions that still fail (Musuvathi and Qadeer,
/// PLDI 2007: most concurrency bugs need very few); among the failing schedules of that bound
/// the one with the fewest decisions is kept.
/// </summary>
public static class ScheduleShrinker
{
    /// <returns>The shortest failing schedule at the lowest failing bound, or null if no bound up to the budget's fails.</returns>
    public static (int Bound, BugReport Report)? Shrink(TestProgram program, FindingSignature signature, FuzzBudget budget)
    {
        for (var bound = 0; bound <= budget.ShrinkMaxBound; bound++)
        {
            var report = Explorer.Explore(program, new ExplorationOptions
            {
                Strategy = DfsStrategy.Descriptor.Name,
                PreemptionBound = bound,
                Iterations = budget.ShrinkSchedulesPerBound,
                MaxSteps = budget.MaxSteps,
                MemoryModel = budget.MemoryModel,
                StopAtFirstBug = false,
                FindingFilter = FindingSignature.Filter(signature),
            });
            if (!report.FoundBug) continue;
            var shortest = report.Bugs.OrderBy(b => b.Trace.Decisions.Count).ThenBy(b => b.Steps.Count).ThenBy(b => b.Trace.Iteration).First();
            return (bound, shortest);
        }

        return null;
    }

    /// <summary>Both levels' result for a scenario that fails with <paramref name="signature"/>: the DFS schedule, else the sampled one.</summary>
    public static (int? Bound, BugReport Report) ShrinkOrSample(Scenario scenario, IReadOnlyCollection<string> defects,
        FindingSignature signature, FuzzBudget budget)
    {
        var program = ScenarioProgram.Build(scenario, defects);
        if (Shrink(program, signature, budget) is var (bound, report)) return (bound, report);
        var sampled = ScenarioCheck.FirstFinding(scenario, defects, budget, signature)
            ?? throw new InvalidOperationException($"scenario '{scenario.Name}' no longer fails with {signature}: exploration is not deterministic");
        return (null, sampled);
    }
}

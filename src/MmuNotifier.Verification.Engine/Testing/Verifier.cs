// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies.Dpor;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// Exhaustive exploration: optimal DPOR to completion or to the budget, with the honest verdict
/// (`mmu-verify verify`). One search, on one worker, through the one <see cref="ScheduleRunner"/>.
/// </summary>
public static class Verifier
{
    public static VerificationReport Verify(TestProgram program, ExplorationOptions options)
    {
        options = options with { Strategy = DporStrategy.Descriptor.Name, Workers = 1, StopAtFirstBug = true };
        options.Validate();
        var shared = new ExplorationShared(options);
        var runner = new ScheduleRunner(program, options, shared);
        var strategy = new DporStrategy(options.PreemptionBound);
        var log = new ScheduleLog();
        var outOfBudget = false;
        for (long number = 0; ; number++)
        {
            if (number >= options.Iterations || shared.ShouldStop(number) && shared.FirstBugIteration == long.MaxValue)
            {
                outOfBudget = true;
                break;
            }

            if (!strategy.InitializeIteration(number))
            {
                log.Exhausted = true;
                break;
            }

            if (runner.RunOne(strategy, number, log))
            {
                shared.BugFound(number, stop: true);
                break;
            }
        }

        var report = ScheduleMerge.Merge([log], log.Exhausted, strategy.Name, options, shared, workers: 1);
        return new VerificationReport(report, strategy.Blocked, strategy.Infeasible, strategy.CutByBound,
            outOfBudget ? strategy.PendingBranches : 0, outOfBudget);
    }
}

/// <summary>What `verify` found, and whether it may say "verified".</summary>
/// <param name="Exploration">The executions run, the bug with its trace when one was found.</param>
/// <param name="Blocked">Runs that turned out redundant (every enabled thread asleep, or every planned reversal infeasible).</param>
/// <param name="Infeasible">Race reversals dropped because their thread was blocked when its turn came.</param>
/// <param name="CutByBound">Branches not taken because of the preemption bound.</param>
/// <param name="PendingBranches">When stopped by the budget: branches still waiting on the current path (a lower bound on what is left).</param>
/// <param name="OutOfBudget">Stopped by --max-executions or the time budget.</param>
public sealed record VerificationReport(
    ExplorationReport Exploration, long Blocked, long Infeasible, long CutByBound, long PendingBranches, bool OutOfBudget)
{
    /// <summary>Explored executions, one per trace: the runs minus the blocked (redundant) ones.</summary>
    public long Executions => Exploration.Iterations - Blocked;

    public bool FoundBug => Exploration.FoundBug;

    /// <summary>Every execution up to equivalence was run and none hit the step bound or the preemption bound.</summary>
    public bool Complete => Exploration.Exhausted && !OutOfBudget && CutByBound == 0 && Exploration.StepBoundHits.Count == 0;

    /// <summary>Why the search is not complete, or null when it is (or stopped at a bug).</summary>
    public string? IncompleteReason => FoundBug || Complete ? null : string.Join("; ", Reasons());

    private IEnumerable<string> Reasons()
    {
        if (OutOfBudget) yield return $"stopped by the budget after {Executions} executions, at least {PendingBranches} branches left";
        if (CutByBound > 0) yield return $"preemption bound: {CutByBound} branches not taken";
        if (Exploration.StepBoundHits.Count > 0)
            yield return $"{Exploration.StepBoundHits.Count}{(Exploration.StepBoundHits.Count >= ScheduleRunner.MaxStepBoundReports ? "+" : "")} executions hit max-steps";
    }
}

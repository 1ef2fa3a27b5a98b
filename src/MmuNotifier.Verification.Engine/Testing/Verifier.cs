// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies.Dpor;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// Exhaustive exploration: optimal DPOR to completion or to the budget, with the honest verdict
/// (`mmu-verify verify`). The search is split into tasks over the option's workers
/// (<see cref="DporSearch"/>), through the one <see cref="ScheduleRunner"/>; its result is the
/// same for any number of workers.
/// </summary>
public static class Verifier
{
    public static VerificationReport Verify(TestProgram program, ExplorationOptions options)
    {
        options = options with { Strategy = DporStrategy.Descriptor.Name, StopAtFirstBug = true };
        options.Validate();
        var shared = new ExplorationShared(options);
        var search = DporSearch.Run(program, options, shared);
        var report = ScheduleMerge.Merge(search.Logs, search.Exhausted, DporStrategy.Descriptor.Name, options, shared, options.Workers);
        return new VerificationReport(report, search.Blocked, search.Infeasible, search.CutByBound, search.Pending,
            search.Stop is DporTaskStop.Budget or DporTaskStop.Time, OutOfTime: search.Stop is DporTaskStop.Time);
    }
}

/// <summary>What `verify` found, and whether it may say "verified".</summary>
/// <param name="Exploration">The executions run, the bug with its trace when one was found.</param>
/// <param name="Blocked">Runs that turned out redundant (every enabled thread asleep, or every planned reversal infeasible).</param>
/// <param name="Infeasible">Race reversals dropped because their thread was blocked when its turn came.</param>
/// <param name="CutByBound">Branches not taken because of the preemption bound.</param>
/// <param name="PendingBranches">When stopped by the budget: branches still waiting on the current path (a lower bound on what is left).</param>
/// <param name="OutOfBudget">Stopped by --max-executions or the time budget.</param>
/// <param name="OutOfTime">Of those, stopped by the time budget (--timeout).</param>
public sealed record VerificationReport(
    ExplorationReport Exploration, long Blocked, long Infeasible, long CutByBound, long PendingBranches, bool OutOfBudget,
    bool OutOfTime = false)
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
        if (OutOfBudget)
            yield return $"stopped by {(OutOfTime ? "the time budget (--timeout)" : "the budget")} after {Executions} executions, at least {PendingBranches} branches left";
        if (CutByBound > 0) yield return $"preemption bound: {CutByBound} branches not taken";
        if (Exploration.StepBoundHits.Count > 0)
            yield return $"{Exploration.StepBoundHits.Count}{(Exploration.StepBoundHits.Count >= ScheduleRunner.MaxStepBoundReports ? "+" : "")} executions hit max-steps";
    }
}

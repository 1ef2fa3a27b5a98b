// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies.Dpor;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// Optimal DPOR split over workers with the same result for any worker count. The points above
/// <see cref="SplitDepth"/> belong to a coordinator (<see cref="DporUpperTree"/>); the subtree
/// below each of their branches is a task that one worker searches with
/// <see cref="DporStrategy"/>, handing back the race reversals that belong to the coordinator's
/// branches. Tasks are committed one by one in the sequential order, each from the start the
/// sequential search gives it; with more workers, the next tasks in that order run ahead and are
/// kept when their start did not change by the time their turn comes (run again otherwise). So
/// the executions, their order and numbering, the counts, the first bug and its trace are the
/// same for any number of workers.
/// <para>
/// Budgets hold exactly: a task may run up to what is left of the budget when it starts, and the
/// commit keeps the first executions in order up to the budget; what is not committed is reported
/// as left. At the first bug (when stopping at it) the search ends with that task's executions up
/// to it. Split depth 0 is the sequential search itself, one task.
/// </para>
/// </summary>
internal static class DporSearch
{
    /// <summary>Points above this depth are split into tasks (fixed, so that no result depends on the worker count).</summary>
    public const int SplitDepth = 48;

    public static DporSearchResult Run(TestProgram program, ExplorationOptions options, ExplorationShared shared, int splitDepth = SplitDepth)
    {
        var tree = new DporUpperTree(splitDepth, options.PreemptionBound);
        var logs = new List<ScheduleLog>();
        long runs = 0, blocked = 0, infeasible = 0, cutByBound = 0, pendingInTask = 0;
        var stop = DporTaskStop.Exhausted;
        var jobs = new Dictionary<DporTask, DporJob>();
        using var pool = new DporWorkerPool(Math.Max(1, options.Workers), (root, limit, abandoned) => RunTask(program, options, shared, root, limit, abandoned));
        for (var next = tree.Next(options.Workers); next.Count > 0; next = tree.Next(options.Workers))
        {
            foreach (var task in next)
            {
                if (jobs.TryGetValue(task, out var job) && job.Version == task.Version) continue;
                job?.Abandon();
                jobs[task] = pool.Start(tree.Root(task), task.Version, options.Iterations - runs);
            }

            var head = next[0];
            var left = options.Iterations - runs;
            var outcome = jobs[head].Wait(() => options.Progress?.Invoke(shared.Progress));
            // A task run ahead may have run past the budget: what it leaves at the cut is known only from a run cut there.
            if (outcome.Stop != DporTaskStop.Bug && outcome.Runs.Count > left && jobs[head].Limit > left)
                outcome = pool.Start(tree.Root(head), head.Version, left).Wait(() => options.Progress?.Invoke(shared.Progress));
            jobs.Remove(head);
            var kept = (int)Math.Min(outcome.Runs.Count, options.Iterations - runs);
            logs.Add(outcome.Log.Upto(kept - 1).Renumbered(runs));
            runs += kept;
            foreach (var run in outcome.Runs.Take(kept))
            {
                blocked += run.Blocked ? 1 : 0;
                infeasible += run.Infeasible;
                cutByBound += run.CutByBound;
            }

            if (outcome.Stop == DporTaskStop.Exhausted && kept == outcome.Runs.Count)
            {
                tree.Commit(head, outcome.Points, outcome.Requests, outcome.BranchStopped);
                continue;
            }

            stop = outcome.Stop == DporTaskStop.Exhausted ? DporTaskStop.Budget : outcome.Stop;
            pendingInTask = outcome.Pending;
            break;
        }

        foreach (var job in jobs.Values) job.Abandon();
        options.Progress?.Invoke(shared.Progress);
        return new DporSearchResult(logs, stop, blocked, infeasible + tree.Infeasible, cutByBound + tree.CutByBound,
            stop is DporTaskStop.Budget or DporTaskStop.Time ? tree.Pending - 1 + Math.Max(1, pendingInTask) : 0);
    }

    /// <summary>One task to its end, to the limit, to its first bug when stopping at it, or until <paramref name="abandoned"/>.</summary>
    private static DporTaskOutcome RunTask(TestProgram program, ExplorationOptions options, ExplorationShared shared, DporTaskRoot root,
        long limit, Func<bool> abandoned)
    {
        var runner = new ScheduleRunner(program, options, shared);  // made on the worker's thread: see ScheduleRunner
        var strategy = new DporStrategy(options.PreemptionBound, root);
        var log = new ScheduleLog();
        var runs = new List<DporRun>();
        for (long local = 0; ; local++)
        {
            if (abandoned()) return DporTaskOutcome.Skipped;
            if (!strategy.InitializeIteration(local))
                return new(DporTaskStop.Exhausted, log, runs, strategy.PointsAbove(root.SplitDepth), root.Requests, BranchStopped: root.BranchStopped);
            if (local >= limit) return new(DporTaskStop.Budget, log, runs, [], [], strategy.PendingBranches);
            if (shared.Interrupted || options.TimeBudget is { } budget && shared.Elapsed > budget)
                return new(DporTaskStop.Time, log, runs, [], [], strategy.PendingBranches);
            var (blocked, infeasible, cut) = (strategy.Blocked, strategy.Infeasible, strategy.CutByBound);
            var bug = runner.RunOne(strategy, local, log);
            runs.Add(new DporRun(strategy.Blocked > blocked, strategy.Infeasible - infeasible, strategy.CutByBound - cut));
            if (bug && options.StopAtFirstBug) return new(DporTaskStop.Bug, log, runs, [], []);
        }
    }
}

/// <summary>Why a task ended.</summary>
internal enum DporTaskStop
{
    /// <summary>Its subtree is explored.</summary>
    Exhausted,

    /// <summary>It found a bug and the search stops at the first.</summary>
    Bug,

    /// <summary>It ran what was left of the execution budget.</summary>
    Budget,

    /// <summary>Out of time, or interrupted.</summary>
    Time,

    /// <summary>Abandoned: its start changed while it ran ahead, or the search ended.</summary>
    Skipped,
}

/// <summary>One execution of a task: whether it was blocked (redundant), and the branches it dropped.</summary>
internal readonly record struct DporRun(bool Blocked, long Infeasible, long CutByBound);

/// <summary>A task's executions (numbered from 0) and, when it ran to its end, the points above the split it walked.</summary>
/// <param name="Pending">When cut by the budget or time: the branches its wakeup trees still held.</param>
/// <param name="BranchStopped">A run stopped at the step of the task's own branch (<see cref="DporTaskRoot.BranchStopped"/>).</param>
internal sealed record DporTaskOutcome(DporTaskStop Stop, ScheduleLog Log, List<DporRun> Runs, IReadOnlyList<DporNode> Points,
    IReadOnlyList<DporRequest> Requests, long Pending = 0, bool BranchStopped = false)
{
    public static DporTaskOutcome Skipped { get; } = new(DporTaskStop.Skipped, new ScheduleLog(), [], [], []);
}

/// <summary>What a split search ran, in the sequential order, and why it ended.</summary>
/// <param name="Logs">Task by task, numbered as one search.</param>
/// <param name="Pending">When stopped by the budget or time: tasks not finished plus branches not launched (a lower bound on what is left).</param>
internal sealed record DporSearchResult(List<ScheduleLog> Logs, DporTaskStop Stop, long Blocked, long Infeasible, long CutByBound, long Pending)
{
    public bool Exhausted => Stop == DporTaskStop.Exhausted;
}

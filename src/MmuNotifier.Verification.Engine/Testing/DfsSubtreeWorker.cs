// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// One engine searching the subtrees first, first + stride, ... of <c>subtrees</c> (all of a
/// splittable strategy's schedule tree, or a shard's share of it) to exhaustion. Each subtree keeps its own log, numbered from 0, so that the
/// merge can put them back in the sequential search's order and numbering.
/// </summary>
internal sealed class DfsSubtreeWorker(
    TestProgram program,
    ExplorationOptions options,
    Func<IReadOnlyList<Decision>, IStrategy> createForSubtree,
    IReadOnlyList<Decision[]> prefixes,
    IReadOnlyList<int> subtrees,
    int first,
    int stride,
    ExplorationShared shared)
{
    /// <summary>The logs of the subtrees this worker started, by subtree index.</summary>
    public List<(int Index, ScheduleLog Log)> Subtrees { get; } = [];

    public void Run()
    {
        var runner = new ScheduleRunner(program, options, shared);
        for (var position = first; position < subtrees.Count; position += stride)
        {
            var index = subtrees[position];
            if (shared.ShouldStop(index) || !shared.HasBudget) break;
            var log = new ScheduleLog();
            Subtrees.Add((index, log));
            Search(runner, index, log, createForSubtree(prefixes[index]));
        }
    }

    private void Search(ScheduleRunner runner, int index, ScheduleLog log, IStrategy strategy)
    {
        for (long local = 0; ; local++)
        {
            // The first bug is remembered by subtree: the subtrees before it still run to the end.
            if (shared.ShouldStop(index) || !shared.TryReserveSchedule()) return;
            if (!strategy.InitializeIteration(local))
            {
                shared.ReleaseReservation();
                log.Exhausted = true;
                return;
            }

            if (!runner.RunOne(strategy, local, log)) continue;
            shared.BugFound(index, options.StopAtFirstBug);
            if (options.StopAtFirstBug) return;
        }
    }

    /// <summary>
    /// The merged result: the subtrees in order (up to the first one with a finding when stopping
    /// at the first bug), each renumbered after the schedules of the subtrees before it, as the
    /// sequential search would have numbered them.
    /// </summary>
    public static ExplorationReport Merge(IReadOnlyList<DfsSubtreeWorker> workers, int subtreeCount, ExplorationShared shared,
        ExplorationOptions options, string strategy)
    {
        var last = options.StopAtFirstBug ? shared.FirstBugIteration : long.MaxValue;
        var subtrees = workers.SelectMany(w => w.Subtrees).Where(s => s.Index <= last).OrderBy(s => s.Index).Select(s => s.Log).ToList();
        var logs = new List<ScheduleLog>();
        long offset = 0;
        foreach (var log in subtrees)
        {
            logs.Add(log.Renumbered(offset));
            offset += log.Runs.Count;
        }

        var exhausted = subtrees.Count == subtreeCount && subtrees.TrueForAll(s => s.Exhausted);
        return ScheduleMerge.Merge(logs, exhausted, strategy, options, shared, workers.Count);
    }
}

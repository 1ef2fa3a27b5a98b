// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Testing.Sharding;

/// <summary>
/// Cutting one exploration into shards and putting their logs back together. Seeded strategies
/// decide schedule n from the seed and n alone, so shard k runs the numbers n ≡ k (mod N) and the
/// merge sorts them back by number. DFS is cut into subtrees in the sequential search's order;
/// shard k searches the subtrees i ≡ k (mod N) and the merge renumbers them as the sequential
/// search would have. In both, when stopping at the first bug, a shard stops at its own first
/// finding: every schedule before the lowest finding of all shards still ran in its shard.
/// </summary>
internal static class ShardMerge
{
    /// <summary>DFS: subtrees per shard that the tree is cut into (when it has that many), for balance.</summary>
    public const int SubtreesPerShard = 8;

    /// <summary>Refuses what cannot be split into disjoint shares whose merge is the single run.</summary>
    public static void RequireShardable(StrategyDescriptor descriptor, ExplorationOptions options)
    {
        if (descriptor.OneWorker)
            throw new ArgumentException(
                $"strategy {descriptor.Name} keeps one search across all schedules and cannot be sharded; shard a seeded strategy or dfs");
        if (options.TimeBudget is not null)
            throw new ArgumentException("a shard's share must not depend on time: give sharded runs an iteration budget, not a timeout");
    }

    public static ShardLog SeededLog(Shard shard, IReadOnlyList<ScheduleLog> logs, ExplorationOptions options)
    {
        var findings = logs.SelectMany(l => l.Findings).ToList();
        var last = options.StopAtFirstBug && findings.Count > 0 ? findings.Min() : long.MaxValue;
        return new ShardLog(shard, 0, [(-1, ScheduleLog.Combine(logs, last))]);
    }

    public static ShardLog SubtreeLog(Shard shard, int subtreeCount, IReadOnlyList<(int Index, ScheduleLog Log)> searched,
        ExplorationShared shared, ExplorationOptions options)
    {
        var last = options.StopAtFirstBug ? shared.FirstBugIteration : long.MaxValue;
        return new ShardLog(shard, subtreeCount, searched.Where(s => s.Index <= last).OrderBy(s => s.Index).ToList());
    }

    public static ExplorationReport Merge(TestProgram program, ExplorationOptions options, IReadOnlyList<ShardLog> shards, TimeSpan elapsed)
    {
        options = options with { Shard = null };
        options.Validate();
        RequireWhole(shards);
        RequireWithinBudget(shards, options);
        var descriptor = StrategyRegistry.Find(options.Strategy);
        var shared = new ExplorationShared(options);
        var report = shards[0].BySubtree
            ? MergeSubtrees(shards, options, shared, descriptor.Name)
            : ScheduleMerge.Merge(shards.SelectMany(s => s.Segments).Select(s => s.Log).ToList(),
                shards.Any(s => s.Segments.Any(g => g.Log.Exhausted)), descriptor.Name, options, shared, workers: 1);
        return report with
        {
            Bugs = report.Bugs.Select(b => Replayed(program, options, b)).ToList(),
            StepBoundHits = report.StepBoundHits.Select(b => Replayed(program, options, b)).ToList(),
            Elapsed = elapsed,
            Workers = shards.Count,
        };
    }

    /// <summary>One shard of each index 0..N-1, all of one count and one kind.</summary>
    private static void RequireWhole(IReadOnlyList<ShardLog> shards)
    {
        if (shards.Count == 0) throw new ArgumentException("no shards to merge");
        var count = shards[0].Shard.Count;
        var unlike = shards.ToList().FindIndex(s => s.Shard.Count != count || s.SubtreeCount != shards[0].SubtreeCount);
        if (unlike >= 0)
        {
            var place = shards[unlike].Shard.Count != count ? ".shard" : ".subtreeCount";
            throw new ShardLogException(unlike, place, "the shards were not cut alike (shard count or subtree count differ)");
        }

        var twice = shards.Select((s, i) => (s.Shard.Index, i)).GroupBy(p => p.Index).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null || shards.Count != count)
        {
            var message = $"expected each of the {count} shards once, got {string.Join(", ", shards.Select(s => s.Shard))}";
            throw twice is null ? new ArgumentException(message) : new ShardLogException(twice.Skip(1).First().i, ".shard", message);
        }
    }

    /// <summary>
    /// A seeded shard runs schedules of the single run's numbering, so none can be at or past its
    /// budget: such a log was made with other settings or edited, and merging it would count
    /// schedules the single run never explores.
    /// </summary>
    private static void RequireWithinBudget(IReadOnlyList<ShardLog> shards, ExplorationOptions options)
    {
        if (shards[0].BySubtree) return;
        for (var s = 0; s < shards.Count; s++)
        {
            var shard = shards[s];
            for (var g = 0; g < shard.Segments.Count; g++)
            {
                var log = shard.Segments[g].Log;
                if (log.Runs.FindIndex(r => r.Number >= options.Iterations) is var i and >= 0)
                {
                    throw new ShardLogException(s, $".segments[{g}].runs[{i}]",
                        $"shard {shard.Shard} holds schedule {log.Runs[i].Number}, but the run explores schedules 0 to {options.Iterations - 1} (iterations {options.Iterations})");
                }
            }
        }
    }

    /// <summary>
    /// The subtrees in order, renumbered after the ones before; up to the first one that a shard
    /// did not search to its end (its first bug or its budget), and up to the single run's budget.
    /// </summary>
    private static ExplorationReport MergeSubtrees(IReadOnlyList<ShardLog> shards, ExplorationOptions options, ExplorationShared shared,
        string strategy)
    {
        var subtreeCount = shards[0].SubtreeCount;
        var byIndex = shards.SelectMany(s => s.Segments).ToDictionary(s => s.Subtree, s => s.Log);
        var logs = new List<ScheduleLog>();
        long offset = 0;
        var whole = true;
        for (var index = 0; index < subtreeCount; index++)
        {
            if (!byIndex.TryGetValue(index, out var log))
            {
                whole = false;
                break;
            }

            logs.Add(log.Renumbered(offset));
            offset += log.Runs.Count;
            if (!log.Exhausted || offset >= options.Iterations)
            {
                whole &= log.Exhausted && index == subtreeCount - 1;
                break;
            }
        }

        // The sequential search stops asking for schedules once the budget is spent, so it never learns it was done.
        var exhausted = whole && offset < options.Iterations;
        return ScheduleMerge.Merge([ScheduleLog.Combine(logs, options.Iterations - 1)], exhausted, strategy, options, shared, workers: 1);
    }

    /// <summary>A kept finding with its steps and every bug of its run, recomputed by replaying its trace.</summary>
    private static BugReport Replayed(TestProgram program, ExplorationOptions options, BugReport kept)
    {
        var replay = RunOutcome.Replay(program, kept.Trace.Decisions, options.MaxSteps, options.Detectors, options.MemoryModel,
            kept.Trace.SpawnPoint, kept.Trace.LivenessThreshold);
        var all = replay.Bugs.Where(b => b.Kind != BugKind.ReplayDivergence).ToList();
        return kept with { AllBugsOfRun = all.Contains(kept.Bug) ? all : [kept.Bug], Steps = replay.Steps };
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing.Sharding;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The testing API: explore a test body under a strategy (Coyote's "test"), or re-run a recorded
/// trace exactly (Coyote's "replay").
/// </summary>
public static class Explorer
{
    public static ExplorationReport Explore(TestProgram program, ExplorationOptions options)
    {
        options.Validate();
        if (options.Backend != ExplorationBackend.Ours)
            throw new ArgumentException($"backend {options.Backend} is not this engine: run it through MmuNotifier.Verification.Coyote's Backends.Explore");
        var descriptor = StrategyRegistry.Find(options.Strategy);
        var settings = options.StrategySettings(descriptor.NeedsLengthEstimate ? LengthCalibration.Measure(program, options) : 0);
        var shared = new ExplorationShared(options);
        if (options.Shard is not null) ShardMerge.RequireShardable(descriptor, options);

        if (descriptor.SearchesByTasks)
        {
            var search = DporSearch.Run(program, options, shared);
            return ScheduleMerge.Merge(search.Logs, search.Exhausted, descriptor.Name, options, shared, options.Workers);
        }

        if (descriptor is { CreateSubtree: { } createSubtree } && (options.Workers > 1 || options.Shard is not null))
            return ExploreSubtrees(program, options, shared, descriptor.Name, (prefix, frontier) => createSubtree(settings, prefix, frontier));

        var workers = Enumerable.Range(0, descriptor.OneWorker ? 1 : options.Workers)
            .Select(_ => new ExplorationWorker(program, options, () => descriptor.Create(settings), shared))
            .ToList();
        RunWorkers(workers.Select(w => (Action)w.Run).ToList(), shared, options);
        var report = ExplorationWorker.Merge(workers, shared, options, descriptor.Name);
        return options.Shard is { } shard
            ? report with { ShardLog = ShardMerge.SeededLog(shard, workers.Select(w => w.Log).ToList(), options) }
            : report;
    }

    /// <summary>An ArgumentException saying why, when <paramref name="options"/> cannot be cut into shards whose merge is the single run.</summary>
    public static void RequireShardable(ExplorationOptions options) =>
        ShardMerge.RequireShardable(StrategyRegistry.Find(options.Strategy), options);

    /// <summary>
    /// The report of a single run put together from the <see cref="ExplorationReport.ShardLog"/>s of
    /// every shard of it (<paramref name="options"/> as the shards had them, without the shard):
    /// the same counts, bugs (replayed here for their steps) and verdict. The elapsed time is the
    /// shards' sum.
    /// </summary>
    public static ExplorationReport MergeShards(TestProgram program, ExplorationOptions options, IReadOnlyList<ShardLog> shards, TimeSpan elapsed) =>
        ShardMerge.Merge(program, options, shards, elapsed);

    /// <summary>
    /// Parallel search of a splittable strategy (DFS): the tree is cut into subtrees that workers
    /// search independently; the merge puts them back in sequential order, so counts and the
    /// first bug match a one-worker search.
    /// </summary>
    private static ExplorationReport ExploreSubtrees(TestProgram program, ExplorationOptions options, ExplorationShared shared,
        string strategy, Func<IReadOnlyList<Decision>, int, IStrategy> createSubtree)
    {
        // Every shard must cut the tree alike, so a sharded cut depends on the shard count only.
        var wanted = options.Shard is { } shard ? ShardMerge.SubtreesPerShard * shard.Count : 4 * options.Workers;
        var prefixes = DfsSubtrees.Split(program, options, depth => createSubtree([], depth), wanted);
        var owned = Enumerable.Range(0, prefixes.Count).Where(i => options.Shard?.Owns(i) ?? true).ToList();
        var workers = Enumerable.Range(0, options.Workers)
            .Select(w => new DfsSubtreeWorker(program, options, prefix => createSubtree(prefix, int.MaxValue), prefixes, owned, w, options.Workers, shared))
            .ToList();
        RunWorkers(workers.Select(w => (Action)w.Run).ToList(), shared, options);
        var report = DfsSubtreeWorker.Merge(workers, prefixes.Count, shared, options, strategy);
        return options.Shard is { } mine
            ? report with { ShardLog = ShardMerge.SubtreeLog(mine, prefixes.Count, workers.SelectMany(w => w.Subtrees).ToList(), shared, options) }
            : report;
    }

    /// <summary>Re-runs <paramref name="trace"/>'s decisions with every step recorded.</summary>
    public static ReplayResult Replay(TestProgram program, Trace trace) =>
        RunOutcome.Replay(program, trace.Decisions, trace.MaxSteps > 0 ? trace.MaxSteps : new ExplorationOptions().MaxSteps,
            memoryModel: trace.MemoryModel, spawnPoint: trace.SpawnPoint, livenessThreshold: trace.LivenessThreshold);

    private static void RunWorkers(List<Action> workers, ExplorationShared shared, ExplorationOptions options)
    {
        var failures = new Exception?[workers.Count];
        var threads = workers.Select((work, index) => new Thread(() =>
        {
            try
            {
                work();
            }
            catch (Exception error)
            {
                failures[index] = error;
            }
        }, maxStackSize: 64 << 20) { Name = $"explorer-{index}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        foreach (var thread in threads)
        {
            while (!thread.Join(TimeSpan.FromMilliseconds(250))) options.Progress?.Invoke(shared.Progress);
        }

        options.Progress?.Invoke(shared.Progress);
        if (failures.FirstOrDefault(f => f is not null) is { } failure)
            throw new InvalidOperationException($"exploration engine failure: {failure.Message}", failure);
    }
}

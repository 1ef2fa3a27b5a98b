// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;
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
        var descriptor = StrategyRegistry.Find(options.Strategy);
        var settings = options.StrategySettings(descriptor.NeedsLengthEstimate ? LengthCalibration.Measure(program, options) : 0);
        var shared = new ExplorationShared(options);

        if (descriptor is { CreateSubtree: { } createSubtree } && options.Workers > 1)
            return ExploreSubtrees(program, options, shared, descriptor.Name, (prefix, frontier) => createSubtree(settings, prefix, frontier));

        var workers = Enumerable.Range(0, descriptor.OneWorker ? 1 : options.Workers)
            .Select(_ => new ExplorationWorker(program, options, () => descriptor.Create(settings), shared))
            .ToList();
        RunWorkers(workers.Select(w => (Action)w.Run).ToList(), shared, options);
        return ExplorationWorker.Merge(workers, shared, options, descriptor.Name);
    }

    /// <summary>
    /// Parallel search of a splittable strategy (DFS): the tree is cut into subtrees that workers
    /// search independently; the merge puts them back in sequential order, so counts and the
    /// first bug match a one-worker search.
    /// </summary>
    private static ExplorationReport ExploreSubtrees(TestProgram program, ExplorationOptions options, ExplorationShared shared,
        string strategy, Func<IReadOnlyList<Decision>, int, IStrategy> createSubtree)
    {
        var prefixes = DfsSubtrees.Split(program, options, depth => createSubtree([], depth), 4 * options.Workers);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(w => new DfsSubtreeWorker(program, options, prefix => createSubtree(prefix, int.MaxValue), prefixes, w, options.Workers, shared))
            .ToList();
        RunWorkers(workers.Select(w => (Action)w.Run).ToList(), shared, options);
        return DfsSubtreeWorker.Merge(workers, prefixes.Count, shared, options, strategy);
    }

    /// <summary>Re-runs <paramref name="trace"/>'s decisions with every step recorded.</summary>
    public static ReplayResult Replay(TestProgram program, Trace trace) =>
        RunOutcome.Replay(program, trace.Decisions, trace.MaxSteps > 0 ? trace.MaxSteps : new ExplorationOptions().MaxSteps,
            spawnPoint: trace.SpawnPoint, livenessThreshold: trace.LivenessThreshold);

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

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// One engine on one OS thread, running schedules in small chunks taken from a shared counter, so
/// a worker on a momentarily slower core does not hold the others up. Schedule numbers, not
/// timing, decide what each schedule does and the merge goes by number, so the merged result does
/// not depend on how many workers there are or which of them ran what.
/// </summary>
internal sealed class ExplorationWorker(
    TestProgram program,
    ExplorationOptions options,
    Func<IStrategy> createStrategy,
    ExplorationShared shared)
{
    private const int ChunkSize = 32;

    public ScheduleLog Log { get; } = new();

    public void Run()
    {
        // Both made on this thread: see ScheduleRunner.
        var runner = new ScheduleRunner(program, options, shared, numberedGlobally: true);
        var strategy = createStrategy();
        try
        {
            RunChunks(runner, strategy);
        }
        finally
        {
            if (strategy is IRoundedStrategy rounded) Log.Rounds = rounded.Rounds.ToList();
        }
    }

    private void RunChunks(ScheduleRunner runner, IStrategy strategy)
    {
        for (var start = shared.TakeChunk(ChunkSize); start < options.Iterations; start = shared.TakeChunk(ChunkSize))
        {
            var end = Math.Min(start + ChunkSize, options.Iterations);
            for (var number = start; number < end; number++)
            {
                if (options.Shard is { } shard && !shard.Owns(number)) continue;
                if (shared.ShouldStop(number)) return;
                if (!strategy.InitializeIteration(number))
                {
                    Log.Exhausted = true;
                    return;
                }

                if (runner.RunOne(strategy, number, Log)) shared.BugFound(number, options.StopAtFirstBug);
            }
        }
    }

    /// <summary>The merged result: one log per worker, numbered alike.</summary>
    public static ExplorationReport Merge(IReadOnlyList<ExplorationWorker> workers, ExplorationShared shared, ExplorationOptions options,
        string strategy) =>
        ScheduleMerge.Merge(workers.Select(w => w.Log).ToList(), workers.Any(w => w.Log.Exhausted), strategy, options, shared, workers.Count);
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Runtime;
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
        var strategy = StrategyFactory.Canonical(options.Strategy);
        var length = strategy is "pct" or "portfolio" ? Calibrate(program, options) : 0;

        // DFS schedules are numbered by a search that runs in one order, so it runs on one worker.
        var workerCount = strategy == "dfs" ? 1 : options.Workers;
        var shared = new ExplorationShared(options);
        var workers = Enumerable.Range(0, workerCount)
            .Select(w => new ExplorationWorker(program, options, StrategyFactory.Create(options, length), w, workerCount, shared))
            .ToList();
        RunWorkers(workers, shared, options);
        return Merge(workers, shared, options, strategy);
    }

    /// <summary>Re-runs <paramref name="trace"/>'s decisions with every step recorded.</summary>
    public static ReplayResult Replay(TestProgram program, Trace trace) =>
        RunOutcome.Replay(program, trace.Decisions, trace.MaxSteps > 0 ? trace.MaxSteps : new ExplorationOptions().MaxSteps);

    /// <summary>PCT needs a schedule length to place its change points: one random schedule measures it.</summary>
    private static int Calibrate(TestProgram program, ExplorationOptions options)
    {
        var runtime = new ControlledRuntime();
        var probe = new RandomStrategy(options.Seed);
        probe.InitializeIteration(-1);
        runtime.Run(program.Body, probe, options.MaxSteps);
        return Math.Max(1, runtime.Steps);
    }

    private static void RunWorkers(List<ExplorationWorker> workers, ExplorationShared shared, ExplorationOptions options)
    {
        var failures = new Exception?[workers.Count];
        var threads = workers.Select((worker, index) => new Thread(() =>
        {
            try
            {
                worker.Run();
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

    private static ExplorationReport Merge(List<ExplorationWorker> workers, ExplorationShared shared, ExplorationOptions options,
        string strategy)
    {
        var last = options.StopAtFirstBug ? shared.FirstBugIteration : long.MaxValue;
        var runs = workers.SelectMany(w => w.Runs).Where(r => r.Iteration <= last).ToList();
        var distinct = new HashSet<ulong>();
        workers.ForEach(w => w.DistinctSchedulesUpTo(last, distinct));
        var bugs = workers.SelectMany(w => w.Bugs).Where(b => b.Trace.Iteration <= last).OrderBy(b => b.Trace.Iteration).ToList();
        return new ExplorationReport
        {
            Strategy = strategy,
            Seed = options.Seed,
            Iterations = runs.Count,
            TotalSteps = runs.Sum(r => (long)r.Steps),
            DistinctSchedules = distinct.Count,
            Bugs = bugs,
            BuggyIterations = options.StopAtFirstBug ? bugs.Count : workers.Sum(w => w.BuggyIterations),
            StepBoundHits = workers.SelectMany(w => w.StepBoundHits).OrderBy(b => b.Trace.Iteration).Take(10).ToList(),
            Exhausted = workers.Exists(w => w.Exhausted),
            Elapsed = shared.Elapsed,
            Workers = workers.Count,
        };
    }
}

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

        if (strategy == "dfs" && options.Workers > 1) return ExploreDfsSubtrees(program, options);
        var shared = new ExplorationShared(options);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => new ExplorationWorker(program, options, () => StrategyFactory.Create(options, length), shared))
            .ToList();
        RunWorkers(workers.Select(w => (Action)w.Run).ToList(), shared, options);
        return Merge(workers, shared, options, strategy);
    }

    /// <summary>
    /// Parallel DFS: the tree is cut into subtrees that workers search independently; the merge
    /// puts them back in sequential order, so counts and the first bug match a one-worker search.
    /// </summary>
    private static ExplorationReport ExploreDfsSubtrees(TestProgram program, ExplorationOptions options)
    {
        var shared = new ExplorationShared(options);
        var prefixes = DfsSubtrees.Split(program, options, 4 * options.Workers);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(w => new DfsSubtreeWorker(program, options, prefixes, w, options.Workers, shared))
            .ToList();
        RunWorkers(workers.Select(w => (Action)w.Run).ToList(), shared, options);

        var last = options.StopAtFirstBug ? shared.FirstBugIteration : long.MaxValue;
        var subtrees = workers.SelectMany(w => w.Subtrees).Where(s => s.Index <= last).OrderBy(s => s.Index).ToList();
        var bugs = new List<BugReport>();
        long offset = 0;
        foreach (var subtree in subtrees)
        {
            // Number each bug's schedule as the sequential search would have.
            bugs.AddRange(subtree.Bugs.Select(b => b with { Trace = b.Trace with { Iteration = offset + b.Trace.Iteration } }));
            offset += subtree.Runs.Count;
        }

        var runs = subtrees.SelectMany(s => s.Runs).ToList();
        return new ExplorationReport
        {
            Strategy = "dfs",
            Seed = options.Seed,
            Iterations = runs.Count,
            TotalSteps = runs.Sum(r => (long)r.Steps),
            DistinctSchedules = runs.Select(r => r.Hash).Distinct().Count(),
            Bugs = options.StopAtFirstBug ? bugs.Take(1).ToList() : bugs,
            BuggyIterations = options.StopAtFirstBug ? Math.Min(1, bugs.Count) : bugs.Count,
            Exhausted = subtrees.Count == prefixes.Count && subtrees.TrueForAll(s => s.Exhausted),
            Elapsed = shared.Elapsed,
            Workers = workers.Count,
        };
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

    private static ExplorationReport Merge(List<ExplorationWorker> workers, ExplorationShared shared, ExplorationOptions options,
        string strategy)
    {
        var last = options.StopAtFirstBug ? shared.FirstBugIteration : long.MaxValue;
        var runs = workers.SelectMany(w => w.Runs).Where(r => r.Iteration <= last).ToList();
        var distinct = new HashSet<ulong>();
        workers.ForEach(w => w.AddSchedulesUpTo(last, distinct));
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

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
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

    // Created on the worker's own thread (in Run), so that the per-step state of different
    // workers comes from different allocation contexts and never shares a cache line.
    private ControlledRuntime _runtime = null!;
    private IStrategy _strategy = null!;

    /// <summary>(iteration, steps, schedule hash) of every schedule run, for a worker-independent merge.</summary>
    public List<(long Iteration, int Steps, ulong Hash)> Runs { get; } = [];

    public List<BugReport> Bugs { get; } = [];

    public List<BugReport> StepBoundHits { get; } = [];

    public long BuggyIterations { get; private set; }

    public bool Exhausted { get; private set; }

    public void Run()
    {
        _runtime = new ControlledRuntime();
        _strategy = createStrategy();
        for (var start = shared.TakeChunk(ChunkSize); start < options.Iterations; start = shared.TakeChunk(ChunkSize))
        {
            var end = Math.Min(start + ChunkSize, options.Iterations);
            for (var iteration = start; iteration < end; iteration++)
                if (!RunOne(iteration)) return;
        }
    }

    /// <summary>Runs schedule <paramref name="iteration"/>; false when this worker should stop.</summary>
    private bool RunOne(long iteration)
    {
        if (shared.ShouldStop(iteration)) return false;
        if (!_strategy.InitializeIteration(iteration))
        {
            Exhausted = true;
            return false;
        }

        _runtime.Run(program.Body, _strategy, options.MaxSteps);
        Runs.Add((iteration, _runtime.Steps, _runtime.ScheduleHash));
        shared.Count(_runtime.Steps);
        if (options.CheckDeterminism) CheckDeterminism(iteration);
        else Classify(iteration, _runtime.Bugs);
        return true;
    }

    private void Classify(long iteration, IReadOnlyList<Bug> bugs)
    {
        if (bugs.Count == 0) return;
        if (_runtime.HitStepBound)
        {
            if (StepBoundHits.Count < 10) StepBoundHits.Add(Report(iteration, bugs));
            return;
        }

        if (options.FindingFilter is { } isFinding && !isFinding(bugs)) return;
        BuggyIterations++;
        shared.BugFound(iteration, options.StopAtFirstBug);
        if (Bugs.Count < 50) Bugs.Add(Report(iteration, bugs));
    }

    private BugReport Report(long iteration, IReadOnlyList<Bug> bugs) =>
        RunOutcome.ToReport(program, options, _strategy.Name, iteration, bugs.ToArray(), _runtime.Decisions.ToArray());

    private void CheckDeterminism(long iteration)
    {
        var decisions = _runtime.Decisions.ToArray();
        var bugs = _runtime.Bugs.ToArray();
        if (DeterminismCheck.Check(_runtime, program, decisions, options.MaxSteps) is not { } harness)
        {
            Classify(iteration, bugs);
            return;
        }

        BuggyIterations++;
        shared.BugFound(iteration, options.StopAtFirstBug);
        if (Bugs.Count < 50) Bugs.Add(RunOutcome.ToReport(program, options, _strategy.Name, iteration, [harness], decisions));
    }

    /// <summary>Adds the hashes of the schedules numbered up to <paramref name="lastIteration"/>.</summary>
    public void AddSchedulesUpTo(long lastIteration, HashSet<ulong> into)
    {
        foreach (var run in Runs)
            if (run.Iteration <= lastIteration) into.Add(run.Hash);
    }
}

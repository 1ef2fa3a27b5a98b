// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// One engine on one OS thread, running schedules first, first + stride, ... of an exploration.
/// Schedule numbers, not timing, decide what each schedule does, so the merged result does not
/// depend on how many workers there are.
/// </summary>
internal sealed class ExplorationWorker(
    TestProgram program,
    ExplorationOptions options,
    IStrategy strategy,
    int first,
    int stride,
    ExplorationShared shared)
{
    private readonly ControlledRuntime _runtime = new();
    private readonly HashSet<ulong> _schedules = [];

    /// <summary>(iteration, steps, schedule hash) of every schedule run, for a worker-independent merge.</summary>
    public List<(long Iteration, int Steps, ulong Hash)> Runs { get; } = [];

    public List<BugReport> Bugs { get; } = [];

    public List<BugReport> StepBoundHits { get; } = [];

    public long BuggyIterations { get; private set; }

    public bool Exhausted { get; private set; }

    public void Run()
    {
        for (long iteration = first; iteration < options.Iterations; iteration += stride)
        {
            if (shared.ShouldStop(iteration)) break;
            if (!strategy.InitializeIteration(iteration))
            {
                Exhausted = true;
                break;
            }

            _runtime.Run(program.Body, strategy, options.MaxSteps);
            Runs.Add((iteration, _runtime.Steps, _runtime.ScheduleHash));
            shared.Count(_runtime.Steps);
            if (options.CheckDeterminism) CheckDeterminism(iteration);
            else Classify(iteration, _runtime.Bugs);
        }
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
        RunOutcome.ToReport(program, options, strategy.Name, iteration, bugs.ToArray(), _runtime.Decisions.ToArray());

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
        if (Bugs.Count < 50) Bugs.Add(RunOutcome.ToReport(program, options, strategy.Name, iteration, [harness], decisions));
    }

    public int DistinctSchedulesUpTo(long lastIteration, HashSet<ulong> into)
    {
        var added = 0;
        foreach (var run in Runs)
            if (run.Iteration <= lastIteration && into.Add(run.Hash)) added++;
        return added;
    }
}

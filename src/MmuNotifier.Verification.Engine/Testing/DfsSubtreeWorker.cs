// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// One engine searching the DFS subtrees first, first + stride, ... to exhaustion. Results are
/// kept per subtree so that the merge can put them back in the sequential search's order.
/// </summary>
internal sealed class DfsSubtreeWorker(
    TestProgram program,
    ExplorationOptions options,
    IReadOnlyList<Decision[]> prefixes,
    int first,
    int stride,
    ExplorationShared shared)
{
    public sealed class Subtree(int index)
    {
        public int Index { get; } = index;

        public List<(int Steps, ulong Hash)> Runs { get; } = [];

        public List<BugReport> Bugs { get; } = [];

        public bool Exhausted { get; set; }
    }

    // Created on the worker's own thread (in Run): see ExplorationWorker.
    private ControlledRuntime _runtime = null!;

    public List<Subtree> Subtrees { get; } = [];

    public void Run()
    {
        _runtime = new ControlledRuntime();
        for (var index = first; index < prefixes.Count; index += stride)
        {
            if (shared.ShouldStop(index) || !shared.HasBudget) break;
            var subtree = new Subtree(index);
            Subtrees.Add(subtree);
            Search(subtree, new DfsStrategy(options.PreemptionBound, options.Seed, prefixes[index]));
        }
    }

    private void Search(Subtree subtree, DfsStrategy strategy)
    {
        for (long local = 0; ; local++)
        {
            if (shared.ShouldStop(subtree.Index) || !shared.TryReserveSchedule()) return;
            if (!strategy.InitializeIteration(local))
            {
                shared.ReleaseReservation();
                subtree.Exhausted = true;
                return;
            }

            _runtime.Run(program.Body, strategy, options.MaxSteps);
            subtree.Runs.Add((_runtime.Steps, _runtime.ScheduleHash));
            shared.Count(_runtime.Steps);
            IReadOnlyList<Bug> bugs = _runtime.Bugs.ToArray();
            var hitStepBound = _runtime.HitStepBound;
            var decisions = _runtime.Decisions.ToArray();
            if (options.CheckDeterminism && DeterminismCheck.Check(_runtime, program, decisions, options.MaxSteps) is { } harness)
            {
                bugs = [harness];
                hitStepBound = false;
            }

            if (bugs.Count == 0 || hitStepBound) continue;
            if (options.FindingFilter is { } isFinding && !isFinding(bugs)) continue;
            subtree.Bugs.Add(RunOutcome.ToReport(program, options, strategy.Name, local, bugs, decisions));
            shared.BugFound(subtree.Index, options.StopAtFirstBug);
            if (options.StopAtFirstBug) return;
        }
    }
}

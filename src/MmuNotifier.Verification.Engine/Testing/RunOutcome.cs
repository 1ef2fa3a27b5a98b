// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Runtime;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Traces;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>Runs one schedule on a runtime and turns a buggy one into a report with its trace.</summary>
internal static class RunOutcome
{
    /// <summary>Replays <paramref name="decisions"/> with step recording on, for rendering.</summary>
    /// <param name="spawnPoint">The run had spawn as a scheduling point (the trace's <c>spawnPoint</c>).</param>
    /// <param name="livenessThreshold">The run judged liveness as a fair strategy does (the trace's <c>livenessThreshold</c>).</param>
    public static ReplayResult Replay(TestProgram program, IReadOnlyList<Decision> decisions, int maxSteps,
        Detectors detectors = Detectors.Default, Abstractions.MemoryModel memoryModel = Abstractions.MemoryModel.Sc,
        bool spawnPoint = false, int? livenessThreshold = null)
    {
        var runtime = new ControlledRuntime
        {
            RecordSteps = true, Detectors = detectors, KnownRaces = program.KnownRaces, MemoryModel = memoryModel,
            SpawnPoint = spawnPoint, LivenessThreshold = livenessThreshold,
        };
        var replay = new ReplayStrategy(decisions);
        replay.InitializeIteration(0);
        runtime.Run(program.Body, replay, maxSteps);
        var bugs = runtime.Bugs.ToList();
        // Decisions left over mean the run did not follow the trace, unless a fatal bug ended it
        // early. The step bound is no such bug: a trace whose maxSteps is too small for its own
        // decisions diverges rather than replaying "clean".
        var cutByStepBound = runtime.HitStepBound;
        if (replay.Remaining > 0 && !bugs.Exists(b => !IsWarning(b) && b.Kind != BugKind.StepBoundExceeded))
        {
            bugs.Add(new Bug(BugKind.ReplayDivergence,
                $"the run ended at step {runtime.Steps} with {replay.Remaining} decisions of the trace left" +
                (cutByStepBound ? $" (stopped by maxSteps {maxSteps})" : ""),
                runtime.Steps, "(engine)", Component: BugComponent.Harness));
        }

        return new ReplayResult(bugs, runtime.StepRecords.ToList(), replay.Remaining);
    }

    public static BugReport ToReport(TestProgram program, ExplorationOptions options, string strategy, long iteration,
        IReadOnlyList<Bug> bugs, IReadOnlyList<Decision> decisions)
    {
        var primary = Primary(bugs);
        var trace = new Trace
        {
            Subject = program.Subject,
            Defects = program.Defects,
            Strategy = strategy,
            Seed = options.Seed,
            Iteration = iteration,
            MaxSteps = options.MaxSteps,
            MemoryModel = options.MemoryModel,
            Decisions = decisions.ToArray(),
            Bug = primary,
            SpawnPoint = options.SpawnPoint,
            LivenessThreshold = options.EffectiveLivenessThreshold,
        };
        var rendered = Replay(program, trace.Decisions, options.MaxSteps, options.Detectors, options.MemoryModel, trace.SpawnPoint, trace.LivenessThreshold);
        return new BugReport(primary, bugs.ToArray(), trace, rendered.Steps);
    }

    /// <summary>The bug a run is reported under: its first fatal one, else its first warning.</summary>
    public static Bug Primary(IReadOnlyList<Bug> bugs) => bugs.FirstOrDefault(b => !IsWarning(b)) ?? bugs[0];

    private static bool IsWarning(Bug bug) => bug.Kind == BugKind.WarnOn;
}

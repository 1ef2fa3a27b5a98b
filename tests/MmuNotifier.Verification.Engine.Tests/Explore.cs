// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>
/// Shorthands for the tests: the baseline comes from Coyote.runsettings (max-steps, the
/// determinism check), while each test fixes its own strategy, seed and budget in schedules.
/// </summary>
internal static class Explore
{
    private static readonly ExplorationOptions Baseline = RunSettings.Load();

    public static ExplorationReport Body(Func<IRuntime, Task> body, string strategy = "random", long? iterations = null,
        ulong seed = 7, int? preemptionBound = null, bool stopAtFirstBug = true, int? maxSteps = null, int workers = 1,
        MemoryModel memoryModel = MemoryModel.Sc) =>
        Explorer.Explore(TestProgram.Sample("test", body), Baseline with
        {
            Strategy = strategy,
            Iterations = iterations ?? Baseline.Iterations,
            Seed = seed,
            PreemptionBound = preemptionBound,
            StopAtFirstBug = stopAtFirstBug,
            MaxSteps = maxSteps ?? Baseline.MaxSteps,
            Workers = workers,
            MemoryModel = memoryModel,
            TimeBudget = null,
        });
}

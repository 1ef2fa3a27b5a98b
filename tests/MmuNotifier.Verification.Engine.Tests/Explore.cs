// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Engine.Tests;

/// <summary>Shorthands for the tests: fixed seeds, budgets in schedules, determinism check on.</summary>
internal static class Explore
{
    public static ExplorationReport Body(Func<IRuntime, Task> body, string strategy = "random", long iterations = 500,
        ulong seed = 7, int? preemptionBound = null, bool stopAtFirstBug = true, int maxSteps = 10_000, int workers = 1) =>
        Explorer.Explore(TestProgram.Sample("test", body), new ExplorationOptions
        {
            Strategy = strategy,
            Iterations = iterations,
            Seed = seed,
            PreemptionBound = preemptionBound,
            StopAtFirstBug = stopAtFirstBug,
            MaxSteps = maxSteps,
            Workers = workers,
            CheckDeterminism = true,
        });
}

// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Real;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The baseline: what a developer looping a stress test gets. Each iteration runs the body on a fresh
/// <see cref="RealRuntime"/> (OS threads, real locks, the kernel's debug checks) and nothing decides
/// the interleaving but the OS scheduler. The loop ends at the first finding, at a harness error,
/// or when the budget is spent.
/// </summary>
public static class StressRunner
{
    public static StressReport Run(TestProgram program, StressOptions options)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clock = Stopwatch.StartNew();
        long iterations = 0, operations = 0;
        Bug? firstProblem = null;
        while (iterations < options.Iterations && !(options.TimeBudget is { } budget && clock.Elapsed >= budget))
        {
            var result = new RealRuntime(options.Runtime).Run(program.Body);
            iterations++;
            operations += result.Operations;
            firstProblem ??= result.Bugs.FirstOrDefault(b => !b.IsBug);

            var bugs = result.Bugs.Where(b => b.IsBug).ToList();
            if (bugs.Count > 0 && (options.FindingFilter is null || options.FindingFilter(result.Bugs)))
            {
                return Report(iterations, clock, operations, firstProblem) with
                {
                    FirstBug = bugs[0],
                    FirstBugIteration = iterations,
                    TimeToFirstBug = clock.Elapsed,
                };
            }

            // A harness error repeats every run: looping on would only hide it.
            if (result.Bugs.Any(b => b.Kind == BugKind.HarnessError)) break;
        }

        return Report(iterations, clock, operations, firstProblem);
    }

    private static StressReport Report(long iterations, Stopwatch clock, long operations, Bug? firstProblem) => new()
    {
        Iterations = iterations,
        Elapsed = clock.Elapsed,
        TotalOperations = operations,
        FirstProblem = firstProblem,
    };
}

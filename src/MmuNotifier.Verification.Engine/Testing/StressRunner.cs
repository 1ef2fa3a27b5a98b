// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Real;

namespace MmuNotifier.Verification.Engine.Testing;

/// <summary>
/// The baseline: what a developer looping a stress test gets. Each iteration runs the body on a fresh
/// <see cref="RealRuntime"/> (OS threads, real locks, the kernel's debug checks) and nothing decides
/// the interleaving but the OS scheduler.
/// </summary>
public static class StressRunner
{
    public static StressReport Run(TestProgram program, StressOptions options)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var clock = Stopwatch.StartNew();
        long iterations = 0, operations = 0, buggy = 0, bugCount = 0, abandoned = 0, firstBugIteration = 0;
        Bug? firstBug = null, firstProblem = null;
        IReadOnlyList<Bug> firstBugRun = [];
        TimeSpan? timeToFirstBug = null;

        while (iterations < options.Iterations && !(options.TimeBudget is { } budget && clock.Elapsed >= budget))
        {
            var result = new RealRuntime(options.Runtime).Run(program.Body);
            iterations++;
            operations += result.Operations;
            if (result.Abandoned) abandoned++;

            var bugs = result.Bugs.Where(b => b.IsBug).ToList();
            if (bugs.Count > 0 && options.FindingFilter is { } isFinding && !isFinding(result.Bugs)) bugs.Clear();
            firstProblem ??= result.Bugs.FirstOrDefault(b => !b.IsBug);
            if (bugs.Count > 0)
            {
                buggy++;
                bugCount += bugs.Count;
                if (firstBug is null)
                {
                    firstBug = bugs[0];
                    firstBugRun = result.Bugs;
                    firstBugIteration = iterations;
                    timeToFirstBug = clock.Elapsed;
                }
            }

            options.Progress?.Invoke(new StressProgress(iterations, buggy, clock.Elapsed));
            // A harness error repeats every run: looping on would only hide it.
            if (options.StopAtFirstBug && firstBug is not null) break;
            if (result.Bugs.Any(b => b.Kind == BugKind.HarnessError)) break;
        }

        return new StressReport
        {
            Iterations = iterations,
            Elapsed = clock.Elapsed,
            TotalOperations = operations,
            FirstBug = firstBug,
            FirstBugRun = firstBugRun,
            FirstBugIteration = firstBugIteration,
            TimeToFirstBug = timeToFirstBug,
            BuggyIterations = buggy,
            BugCount = bugCount,
            FirstProblem = firstProblem,
            AbandonedRuns = abandoned,
        };
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using Microsoft.Coyote;
using Microsoft.Coyote.Logging;
using Microsoft.Coyote.SystematicTesting;

namespace MmuNotifier.Verification.Coyote;

/// <summary>What one Coyote TestingEngine run reports, in our terms.</summary>
/// <param name="Schedules">Iterations run (explored paths).</param>
/// <param name="Steps">Scheduling steps over all iterations.</param>
/// <param name="Bugs">Coyote's bug reports (our assertion texts, or Coyote's deadlock report).</param>
public sealed record CoyoteReport(int Schedules, long Steps, TimeSpan Elapsed, IReadOnlyList<string> Bugs);

/// <summary>
/// Runs a Coyote test entry point (any <see cref="Action"/>, usually one of
/// <see cref="EntryPoints.ScenarioTests"/>) through Coyote's TestingEngine in-process: what
/// `dotnet coyote test` does, for the xunit tests and the side-by-side bench.
/// </summary>
public static class CoyoteExploration
{
    /// <param name="strategy">"random", "pct" (Coyote's prioritization strategy) or "q-learning" (Coyote's QLearningStrategy).</param>
    /// <param name="pctChangePoints">PCT's priority change points (Coyote's priority-change bound; our pct-depth minus one).</param>
    public static CoyoteReport Run(Action test, uint iterations, uint seed, string strategy = "random", uint maxSteps = 10_000,
        uint pctChangePoints = 10)
    {
        var configuration = Configuration.Create()
            .WithTestingIterations(iterations)
            .WithRandomGeneratorSeed(seed)
            .WithMaxSchedulingSteps(maxSteps)
            .WithConsoleLoggingEnabled(false);
        configuration = strategy switch
        {
            "random" => configuration.WithRandomStrategy(),
            "pct" => configuration.WithPrioritizationStrategy(false, pctChangePoints),
            "q-learning" => configuration.WithQLearningStrategy(),
            _ => throw new ArgumentException($"Coyote strategy must be random, pct or q-learning, got '{strategy}'", nameof(strategy)),
        };

        using var engine = TestingEngine.Create(configuration, test);
        // Quiet: the engine otherwise prints its progress ("Iteration #N") whatever the verbosity.
        engine.SetLogger(new TextWriterLogger(TextWriter.Null, VerbosityLevel.None));
        var clock = Stopwatch.StartNew();
        engine.Run();
        clock.Stop();
        var report = engine.TestReport;
        int schedules = report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths;
        long steps = (long)report.TotalExploredFairSteps + report.TotalExploredUnfairSteps;
        return new CoyoteReport(schedules, steps, clock.Elapsed, report.BugReports.Order(StringComparer.Ordinal).ToList());
    }
}

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
    /// <summary>Steps of the unfair PCT prefix of Coyote's fair PCT (our fair strategies draw a prefix of 0 to this many).</summary>
    public const uint FairPctPrefix = 200;

    /// <param name="strategy">"random", "pct" (Coyote's prioritization strategy), "q-learning" (Coyote's
    /// QLearningStrategy), or the fair ones for liveness: "fair-random" (Coyote's random, which is
    /// fair, bounded at <paramref name="maxSteps"/>) and "fair-pct" (prioritization with
    /// isFair: PCT for <see cref="FairPctPrefix"/> steps, then Coyote's fair random suffix).</param>
    /// <param name="pctChangePoints">PCT's priority change points (Coyote's priority-change bound; our pct-depth minus one).</param>
    /// <param name="livenessThreshold">Under the fair strategies: Coyote's liveness temperature threshold
    /// (our --liveness-threshold; null: half of <paramref name="maxSteps"/>, as ours).</param>
    public static CoyoteReport Run(Action test, uint iterations, uint seed, string strategy = "random", uint maxSteps = 10_000,
        uint pctChangePoints = 10, uint? livenessThreshold = null)
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
            "fair-random" => Fair(configuration.WithRandomStrategy(), maxSteps, maxSteps, livenessThreshold, starvingPrefix: 0),
            "fair-pct" => Fair(configuration.WithPrioritizationStrategy(true, pctChangePoints), Math.Min(FairPctPrefix, maxSteps), maxSteps, livenessThreshold,
                starvingPrefix: Math.Min(FairPctPrefix, maxSteps)),
            _ => throw new ArgumentException($"Coyote strategy must be random, pct, q-learning, fair-random or fair-pct, got '{strategy}'", nameof(strategy)),
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

    /// <summary>
    /// The same step bound as ours for a fair run, and liveness judged at our threshold of fair steps.
    /// Coyote's temperature also counts the steps of fair PCT's unfair prefix, in which PCT may starve
    /// the thread that would cool the monitor; the prefix is added so that a terminating program is
    /// not blamed for it when the threshold is below the prefix (spin-on-unset-flag-fixed was, at
    /// threshold 150).
    /// </summary>
    private static Configuration Fair(Configuration configuration, uint unfairSteps, uint maxSteps, uint? threshold, uint starvingPrefix) =>
        configuration.WithMaxSchedulingSteps(unfairSteps, maxSteps)
            .WithLivenessTemperatureThreshold((threshold ?? Math.Max(1, maxSteps / 2)) + starvingPrefix);
}

// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using MmuNotifier.Verification.Engine;
using MmuNotifier.Verification.Samples;
using MmuNotifier.Verification.Engine.Testing;

namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// Measures the engine on <see cref="SampleCatalog.BenchBody"/> with the random strategy: N runs
/// on one worker and N on two, alternated so that load from other processes on a shared machine
/// hits both sides alike, after a warm-up on each worker count until the JIT is quiet (<see cref="WarmUp"/>), not counted.
/// </summary>
internal static class BenchRunner
{
    public const string Strategy = "random";

    public static BenchResult Run(int runs, long iterations, Action<string>? log = null)
    {
        var program = SampleCatalog.BenchBody.ToProgram();
        log?.Invoke("warming up");
        WarmUp.Explore(program, Options(iterations, workers: 1));
        WarmUp.Explore(program, Options(iterations, workers: 2), workers: 2);

        var one = new List<BenchRun>();
        var two = new List<BenchRun>();
        var ceiling = new List<MachineCeiling>();
        for (var i = 0; i < runs; i++)
        {
            ceiling.Add(MachineScaling.Measure(2));
            log?.Invoke($"run {i + 1}/{runs}, 1 worker");
            one.Add(Measure(program, iterations, workers: 1));
            log?.Invoke($"run {i + 1}/{runs}, 2 workers");
            two.Add(Measure(program, iterations, workers: 2));
        }

        var oneIts = Median.Of(one.Select(r => r.IterationsPerSecond));
        var twoIts = Median.Of(two.Select(r => r.IterationsPerSecond));
        return new BenchResult(
            Benchmark: SampleCatalog.BenchBody.Name,
            Strategy: Strategy,
            EngineVersion: EngineInfo.Version,
            ProcessorCount: Environment.ProcessorCount,
            Runs: runs,
            IterationsPerRun: iterations,
            StepsPerSecond: Median.Of(one.Select(r => r.StepsPerSecond)),
            IterationsPerSecond: oneIts,
            TwoWorkerStepsPerSecond: Median.Of(two.Select(r => r.StepsPerSecond)),
            TwoWorkerIterationsPerSecond: twoIts,
            ParallelSpeedup: oneIts > 0 ? twoIts / oneIts : 0,
            MachineScaling: Median.Of(ceiling.Select(c => c.Alu)),
            MachineScalingBranchy: Median.Of(ceiling.Select(c => c.Branchy)),
            OneWorkerRuns: one,
            TwoWorkerRuns: two);
    }

    private static BenchRun Measure(TestProgram program, long iterations, int workers)
    {
        var options = Options(iterations, workers);
        // Timed here rather than trusting the report, so both sides include the same setup costs.
        var clock = Stopwatch.StartNew();
        var report = Explorer.Explore(program, options);
        clock.Stop();
        if (report.FoundBug)
            throw new InvalidOperationException($"the bench body reported a bug, so its figures would be meaningless: {report.Bugs[0]}");
        return new BenchRun(workers, report.Iterations, report.TotalSteps, clock.Elapsed.TotalSeconds);
    }

    private static ExplorationOptions Options(long iterations, int workers) =>
        new()
        {
            Iterations = iterations,
            Strategy = Strategy,
            Seed = 1,
            Workers = workers,
            // A fixed amount of work per run: every run explores exactly `iterations` schedules.
            StopAtFirstBug = false,
        };
}

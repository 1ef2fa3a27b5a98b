// SPDX-License-Identifier: GPL-2.0-only
namespace MmuNotifier.Verification.Cli.Bench;

/// <summary>
/// What `bench` reports. The headline figures are medians over the runs (one slow run on a
/// shared machine does not move them); parallelSpeedup compares medians taken in the same bench,
/// and machineScaling and machineScalingBranchy are the ceilings for it measured in the same runs
/// with a loop of register operations and with a branchy one (<see cref="Bench.MachineScaling"/>).
/// </summary>
internal sealed record BenchResult(
    string Benchmark,
    string Strategy,
    string EngineVersion,
    int ProcessorCount,
    int Runs,
    long IterationsPerRun,
    double StepsPerSecond,
    double IterationsPerSecond,
    double TwoWorkerStepsPerSecond,
    double TwoWorkerIterationsPerSecond,
    double ParallelSpeedup,
    double MachineScaling,
    double MachineScalingBranchy,
    IReadOnlyList<BenchRun> OneWorkerRuns,
    IReadOnlyList<BenchRun> TwoWorkerRuns);

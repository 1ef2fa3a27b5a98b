// SPDX-License-Identifier: GPL-2.0-only
using BenchmarkDotNet.Attributes;
using MmuNotifier.Verification.Coyote;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Benchmarks;

/// <summary>
/// Cost of one schedule of a scenario on our engine and under Coyote's TestingEngine (the Coyote
/// backend), random strategy, seed 1, one worker: BenchmarkDotNet's per-operation figures are per
/// schedule (time, and with the memory diagnoser the bytes allocated per schedule), and its Ratio
/// column is Coyote's time per schedule over ours. Both sides apply the same detectors (the
/// Coyote backend's, <see cref="CoyoteRuntime.AppliedDetectors"/>), as `mmu-verify bench coyote`
/// does; Coyote's engine start-up is amortised over <see cref="CoyoteSchedules"/> iterations, as a
/// Coyote user running that many would see it.
/// </summary>
[MemoryDiagnoser]
[InProcess] // no generated project to build and restore: the machine may have no registry beyond the one restore used
[WarmupCount(3)]
[IterationCount(15)]
public class SchedulesOursVsCoyote
{
    public const int OurSchedules = 2_000;
    public const int CoyoteSchedules = 100;

    private TestProgram _program = null!;
    private ExplorationOptions _options = null!;

    [Params("fault-vs-unmap", "deferred-remove", "kvm-faults", "get-put")]
    public string Scenario { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var models = ScenarioCatalog.FindModelsDirectory()
            ?? throw new DirectoryNotFoundException("no models/ directory above the current one; set MMU_VERIFY_MODELS");
        _program = ScenarioProgram.Build(ScenarioCatalog.Load(models).Resolve(Scenario));
        _options = new ExplorationOptions
        {
            Iterations = OurSchedules, Strategy = "random", Seed = 1, StopAtFirstBug = false, Detectors = CoyoteRuntime.AppliedDetectors,
        };
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = OurSchedules)]
    public long Ours() => Explorer.Explore(_program, _options).Iterations;

    [Benchmark(OperationsPerInvoke = CoyoteSchedules)]
    public int Coyote() => CoyoteExploration.Run(() => CoyoteRuntime.Run(_program), CoyoteSchedules, seed: 1).Schedules;
}

// SPDX-License-Identifier: GPL-2.0-only
using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Generation;

/// <summary>
/// Property-based exploration. The property — "exploring this scenario under the budget finds no
/// bug" — is checked by FsCheck over generated scenarios; its shrinking (with
/// <see cref="ScenarioShrinker"/>) is the first level: the smallest scenario that still fails
/// with the same signature. The second level (<see cref="ScheduleShrinker"/>) then finds the
/// fewest preemptions and the shortest schedule for it. The result is written as a scenario file
/// plus a trace whose subject is that file, so `mmu-verify replay` reproduces it.
/// </summary>
public static class FuzzRunner
{
    /// <summary>FsCheck's generator stream is (seed, gamma); the gamma is fixed so the seed alone names a run.</summary>
    internal const ulong Gamma = 0x9e37_79b9_7f4a_7c15UL;

    public static FuzzResult Run(FuzzOptions options)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState(options);
        var config = Config.Quick
            .WithMaxTest(options.Count)
            .WithReplay(new Replay(new Rnd(options.Seed, Gamma), null))
            .WithRunner(new SilentRunner());
        Check.One(config, Prop.ForAll(ScenarioGen.Arbitrary, state.Holds));
        if (state.Error is { } error) throw new InvalidOperationException($"fuzzing stopped: {error.Message}", error);
        if (state.LastFailing is not { } minimal)
            return new FuzzResult(state.Tested, state.Explorations, null, clock.Elapsed) { Coverage = state.Coverage, CoverageSchedules = state.CoverageSchedules };

        state.Report(FuzzPhase.ShrinkingSchedule, state.ShrinkSteps);
        var counterexample = Write(options, state, minimal, state.ShrinkSteps);
        return new FuzzResult(state.Tested, state.Explorations, counterexample, clock.Elapsed)
        {
            FailingScenario = state.Tested - 1,
            ShrinkExplorations = state.Explorations - state.ExploredBeforeFailure,
            Coverage = state.Coverage,
            CoverageSchedules = state.CoverageSchedules,
        };
    }

    /// <summary>A file name for the counterexample: the defects and the seed, which is how to find it again.</summary>
    public static string CounterexampleName(FuzzOptions options) =>
        $"fuzz-{(options.Defects.Count == 0 ? "faithful" : string.Join("_", options.Defects))}-seed{options.Seed}";

    private static Counterexample Write(FuzzOptions options, RunState state, Scenario minimal, int shrinkSteps)
    {
        var name = CounterexampleName(options);
        var defects = string.Concat(options.Defects.Select(d => $" --defect {d}"));
        var described = minimal with
        {
            Name = name,
            Description = $"shrunk by mmu-verify fuzz{defects} --seed {options.Seed} from scenario {state.Tested} of the run: {state.Signature}",
        };
        var scenarioPath = Path.Combine(options.ModelsDirectory, name + ".json");
        ScenarioWriter.Save(ScenarioValidation.Require(described), scenarioPath);
        // Reload so that the trace's subject carries the file's path and content hash.
        var written = ScenarioParser.Load(scenarioPath);
        var (bound, report) = ScheduleShrinker.ShrinkOrSample(written, options.Defects, state.Signature!, options.Budget);
        var tracePath = Path.Combine(options.TracesDirectory, name + TraceFile.Extension);
        TraceFile.Save(report.Trace, tracePath);
        return new Counterexample(state.FirstFailing!, written, shrinkSteps, state.Signature!, bound, report, tracePath);
    }

    /// <summary>What the property closure learns while FsCheck drives it.</summary>
    private sealed class RunState(FuzzOptions options)
    {
        public int Tested { get; private set; }

        public int Explorations { get; private set; }

        /// <summary>Scenarios explored before the first failure (all of this shard's up to it): the rest of <see cref="Explorations"/> is shrinking.</summary>
        public int ExploredBeforeFailure { get; private set; }

        public FindingSignature? Signature { get; private set; }

        public Scenario? FirstFailing { get; private set; }

        /// <summary>FsCheck adopts a smaller failing scenario and then tries its shrinks, so the last failing one seen is the minimum.</summary>
        public Scenario? LastFailing { get; private set; }

        public Exception? Error { get; private set; }

        /// <summary>With coverage on: the sum over the generated scenarios' explorations (shrink candidates are not counted).</summary>
        public Engine.Coverage.CoverageCounts? Coverage { get; } = options.RecordCoverage ? new() : null;

        public long CoverageSchedules { get; private set; }

        /// <summary>Smaller failing scenarios adopted while shrinking (every failure after the first).</summary>
        public int ShrinkSteps { get; private set; }

        public bool Holds(Scenario scenario)
        {
            // A generator or engine failure must not become a "counterexample": remember it, let
            // FsCheck go on quietly, and throw it once FsCheck returns.
            if (Error is not null) return true;
            try
            {
                ScenarioValidation.Require(scenario);
                if (Signature is null)
                {
                    // Scenario n of the run belongs to shard n mod N: the others are generated (FsCheck's
                    // stream must stay the same) but pass unexplored.
                    var number = Tested++;
                    if (options.Shard is { } shard && !shard.Owns(number))
                    {
                        Report(FuzzPhase.Exploring, 0);
                        return true;
                    }

                    ExploredBeforeFailure++;
                }

                Explorations++;
                var finding = ScenarioCheck.FirstFinding(scenario, options.Defects, options.Budget, Signature,
                    Coverage is not null && Signature is null ? Count : null);
                if (finding is not null)
                {
                    if (Signature is null)
                    {
                        Signature = FindingSignature.Of(finding.Bug);
                        FirstFailing = scenario;
                    }
                    else
                    {
                        ShrinkSteps++;
                    }

                    LastFailing = scenario;
                }

                Report(Signature is null ? FuzzPhase.Exploring : FuzzPhase.ShrinkingScenario, ShrinkSteps);
                return finding is null;
            }
            catch (Exception e)
            {
                Error = e;
                return true;
            }
        }

        private void Count(Engine.Testing.ExplorationReport report)
        {
            if (report.Coverage is null) return;
            Coverage!.Add(report.Coverage);
            CoverageSchedules += report.Iterations;
        }

        public void Report(FuzzPhase phase, int shrinkSteps) =>
            options.Progress?.Invoke(new FuzzProgress(phase, Tested, options.Count, Explorations, shrinkSteps));
    }
}

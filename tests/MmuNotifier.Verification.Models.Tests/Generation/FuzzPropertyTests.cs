// SPDX-License-Identifier: GPL-2.0-only
using FsCheck;
using FsCheck.Fluent;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Engine.Traces;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Generation;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Generation;

/// <summary>
/// The fuzzing property with fixed FsCheck seeds and small budgets (longer runs: `mmu-verify fuzz`):
/// it holds on the faithful port; with a defect switched on FsCheck finds a counterexample, and
/// both levels of shrinking leave a small scenario file and a trace that replays it.
/// </summary>
public sealed class FuzzPropertyTests
{
    private const ulong Gamma = 0x9e37_79b9_7f4a_7c15UL;

    /// <summary>Enough to find every fast defect; small enough that the tests stay quick on two cores.</summary>
    private static readonly FuzzBudget CiBudget = FuzzBudget.Default with { Schedules = 120, DfsSchedules = 120, ShrinkSchedulesPerBound = 1500 };

    [Fact]
    public void Faithful_port_has_no_bug_on_generated_scenarios()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(60).WithReplay(new Replay(new Rnd(7UL, Gamma), null));
        Check.One(config, Prop.ForAll(ScenarioGen.Arbitrary, scenario =>
        {
            var finding = ScenarioCheck.FirstFinding(scenario, [], CiBudget);
            return finding is null ? true : throw new InvalidOperationException(
                $"{finding.Bug}\n{ScenarioWriter.ToJson(scenario)}\n{InterleavingRenderer.Render(finding.Steps, finding.Bug)}");
        }));
    }

    [Theory]
    [InlineData(PortDefects.InsertIdleEvenSeq, 1UL)]
    [InlineData(PortDefects.RemoveNoWait, 1UL)]
    [InlineData(PortDefects.UnregisterNoSynchronize, 2UL)]
    public void With_a_defect_the_shrunk_counterexample_is_small_and_replays(string defect, ulong seed)
    {
        var dir = Directory.CreateTempSubdirectory("mmu-verify-fuzz-tests").FullName;
        try
        {
            var result = FuzzRunner.Run(new FuzzOptions
            {
                Count = 100,
                Seed = seed,
                Defects = [defect],
                Budget = CiBudget,
                ModelsDirectory = Path.Combine(dir, "models"),
                TracesDirectory = Path.Combine(dir, "traces"),
            });

            var found = result.Counterexample;
            Assert.NotNull(found);
            var scenario = found.Scenario;
            Assert.InRange(scenario.Threads.Count, 1, 3);
            Assert.InRange(scenario.Threads.Sum(t => t.Ops.Count), 1, 6);
            Assert.Null(ScenarioValidation.Problem(scenario));

            // The files: the scenario parses back, and the trace names it by path and content hash.
            var reloaded = ScenarioParser.Load(scenario.Path!);
            Assert.Equal(ScenarioWriter.ToJson(scenario), ScenarioWriter.ToJson(reloaded));
            var trace = TraceFile.Load(found.TracePath);
            Assert.Equal(scenario.Path, trace.Subject.Path);
            Assert.Equal(reloaded.ContentHash, trace.Subject.ContentHash);
            Assert.Equal([defect], trace.Defects);

            var replayed = Explorer.Replay(ScenarioProgram.Build(reloaded, trace.Defects), trace);
            var bug = FindingSignature.Primary(replayed.Bugs);
            Assert.NotNull(bug);
            Assert.Equal(found.Signature, FindingSignature.Of(bug));
            Assert.Equal(trace.Bug, bug);

            // The defect's own program is clean on the faithful port: the finding is the defect's.
            Assert.Null(ScenarioCheck.FirstFinding(reloaded, [], CiBudget));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Schedule_shrinking_takes_the_lowest_failing_preemption_bound()
    {
        var dir = Directory.CreateTempSubdirectory("mmu-verify-fuzz-tests").FullName;
        try
        {
            var found = FuzzRunner.Run(new FuzzOptions
            {
                Count = 100,
                Seed = 1,
                Defects = [PortDefects.RemoveNoWait],
                Budget = CiBudget,
                ModelsDirectory = dir,
                TracesDirectory = dir,
            }).Counterexample!;
            Assert.NotNull(found.PreemptionBound);
            var program = ScenarioProgram.Build(found.Scenario, [PortDefects.RemoveNoWait]);
            for (var bound = 0; bound < found.PreemptionBound; bound++)
            {
                var lower = Explorer.Explore(program, new ExplorationOptions
                {
                    Strategy = "dfs", PreemptionBound = bound, Iterations = CiBudget.ShrinkSchedulesPerBound,
                    FindingFilter = FindingSignature.Filter(found.Signature),
                });
                Assert.False(lower.FoundBug, $"bound {bound} fails too");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

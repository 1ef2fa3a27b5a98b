// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>
/// The kill matrix in miniature: every catalogued defect that is a bug is found on every
/// scenario the catalogue names for it, by one of random, DFS (preemption bound 2) and PCT,
/// seed 1, at most 2,000 schedules each, judged by the catalogue's FindingFilter. The faithful
/// models run the same scenarios clean in <see cref="ScenarioExplorationTests"/>.
/// </summary>
public sealed class DefectFindingTests
{
    private const long Budget = 2000;

    private static readonly (string Strategy, int? Bound)[] Finders = [("random", null), ("dfs", 2), ("pct", null)];

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in DefectCatalogue.All.Where(e => e.MustBeFound))
            foreach (var scenario in entry.Scenarios)
                data.Add(entry.Name, scenario);
        return data;
    }

    internal static ExplorationReport Hunt(Defect entry, Scenario scenario, string strategy, int? bound, long budget = Budget,
        KernelConfig? config = null, bool stopAtFirstBug = true) =>
        Explorer.Explore(ScenarioProgram.Build(scenario, config ?? DefectCatalogue.Config([entry.Name])), new ExplorationOptions
        {
            Strategy = strategy,
            Seed = 1,
            Iterations = budget,
            PreemptionBound = bound,
            MaxSteps = 5_000,
            FindingFilter = entry.FindingFilter,
            StopAtFirstBug = stopAtFirstBug,
        });

    [Theory]
    [MemberData(nameof(Pairs))]
    public void DefectIsFoundOnItsScenario(string defect, string scenarioName)
    {
        var entry = DefectCatalogue.Find(defect)!;
        var scenario = Models.Get(scenarioName);
        foreach (var (strategy, bound) in Finders)
        {
            var report = Hunt(entry, scenario, strategy, bound);
            if (!report.FoundBug) continue;
            var bugs = report.Bugs[0].AllBugsOfRun;
            var expected = entry.Expected!;
            Assert.True(bugs.Any(b => b.Kind == expected.Kind && (expected.Invariant is null || b.Invariant == expected.Invariant)),
                $"{defect} on {scenarioName} by {strategy}: expected {expected}, the run reported {string.Join("; ", bugs)}");
            return;
        }

        Assert.Fail($"{defect} not found on {scenarioName} by random, dfs(pb=2) or pct within {Budget} schedules each");
    }

    [Fact]
    public void TheV1SequenceVariantRunsCleanOnItsScenario()
    {
        var entry = DefectCatalogue.Find(PortDefects.V1SeqWriteOutsideUserLock)!;
        foreach (var scenario in entry.Scenarios)
        {
            Assert.False(Hunt(entry, Models.Get(scenario), "random", null, 500).FoundBug);
            Assert.False(Hunt(entry, Models.Get(scenario), "dfs", 2, 500).FoundBug);
        }
    }

    /// <summary>
    /// review-blockable-backoff's scenario has a driver the faithful port WARNs about. With the
    /// defect the finding is a core-state invariant; on the faithful port the same driver only
    /// ever gives that WARN.
    /// </summary>
    [Fact]
    public void BlockableBackoffBreaksCoreStateWhereTheFaithfulPortOnlyWarns()
    {
        var entry = DefectCatalogue.Find(PortDefects.ReviewBlockableBackoff)!;
        var scenario = Models.Get(entry.Scenarios[0]);

        var found = Hunt(entry, scenario, "random", null, 500);
        Assert.True(found.FoundBug);
        var finding = found.Bugs[0].AllBugsOfRun.Where(b => b.Kind == BugKind.InvariantViolation).ToList();
        Assert.Contains(finding, b => b.Invariant == Invariants.InvariantNames.ActiveRanges);
        Assert.All(finding, b => Assert.Contains(b.Invariant!, FindingFilters.CoreStateInvariants));

        foreach (var (strategy, bound) in Finders)
        {
            var faithful = Hunt(entry, scenario, strategy, bound, 300, KernelConfig.Faithful, stopAtFirstBug: false);
            Assert.False(faithful.FoundBug, $"{strategy}: a core-state invariant fired on the faithful port");
            var all = Explorer.Explore(ScenarioProgram.Build(scenario), new ExplorationOptions
            {
                Strategy = strategy, Seed = 1, Iterations = 300, PreemptionBound = bound, StopAtFirstBug = false, MaxSteps = 5_000,
            });
            Assert.True(all.FoundBug);
            Assert.All(all.Bugs.SelectMany(b => b.AllBugsOfRun).Where(b => b.IsBug), b => Assert.Equal(BugKind.WarnOn, b.Kind));
        }
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.KillMatrix;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>
/// The kill matrix in miniature, through the same <see cref="KillHunt"/> as `bench kill`: every
/// catalogued defect that is a bug is found on every scenario the catalogue names for it, by one
/// of random, DFS (preemption bound 2) and PCT, seed 1, at most 2,000 schedules each, judged by
/// the catalogue's FindingFilter; the same exploration without the defect finds nothing.
/// </summary>
public sealed class DefectFindingTests
{
    private static readonly KillBudget Budget = new()
    {
        Strategies = [RandomStrategy.Descriptor.Name, DfsStrategy.Descriptor.Name, PctStrategy.Descriptor.Name],
        Seeds = 1,
        MaxSchedules = 2000,
        MaxSteps = 5_000,
    };

    private static readonly Lazy<IReadOnlyList<KillTarget>> Targets = new(() => KillTarget.All(Models.Catalog));

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in Targets.Value.Where(t => t.MustBeFound)) data.Add(target.Defect, target.Program);
        return data;
    }

    private static KillTarget Target(string defect, string scenario) =>
        Targets.Value.Single(t => t.Defect == defect && t.Program == scenario);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void DefectIsFoundOnItsScenario(string defect, string scenarioName)
    {
        var found = KillHunt.Run(Target(defect, scenarioName), Budget).FirstOrDefault(a => a.Found);

        Assert.True(found is not null, $"{defect} not found on {scenarioName} by random, dfs(pb=2) or pct within {Budget.MaxSchedules} schedules each");
        var bugs = found.Report.Bugs[0].AllBugsOfRun;
        var expected = DefectCatalogue.Find(defect)!.Expected!;
        // Kind and invariant: the models may blame a missed invalidation on the driver that
        // mapped, a component the catalogue does not fix.
        Assert.True(bugs.Any(expected.Matches),
            $"{defect} on {scenarioName} by {found.Strategy}: expected {expected}, the run reported {string.Join("; ", bugs)}");

        // The twin: the same strategy, seed, budget and finding rule find nothing without the defect.
        var faithful = Explorer.Explore(ScenarioProgram.Build(found.Target.Scenario), found.Options);
        Assert.False(faithful.FoundBug, $"without {defect}, {scenarioName} by {found.Strategy}: {Models.Describe(faithful)}");
    }

    /// <summary>KCSAN reports the unlocked mmu_interval_set_seq first; without it, the lost invalidation it allows shows.</summary>
    [Fact]
    public void SetSeqAfterUnlockLosesAnInvalidationWithoutKcsan()
    {
        var target = Target(DriverDefects.MirrorSetSeqAfterUnlock, "fault-vs-zap");
        var found = Budget.Strategies.Select(strategy => Explorer.Explore(target.CreateProgram(),
                KillHunt.Options(target, strategy, 1, Budget) with { Detectors = Detectors.All & ~Detectors.Kcsan }))
            .FirstOrDefault(r => r.FoundBug);
        Assert.True(found is not null, "without KCSAN the set_seq-after-unlock mirror must be seen to miss an invalidation");
        Assert.Contains(found.Bugs[0].AllBugsOfRun, b => b.Invariant == Invariants.InvariantNames.NoMissedInvalidation);
    }

    /// <summary>
    /// The mirror frees its struct once remove returns, so an early return is KASAN's finding;
    /// without KASAN the remove-quiescence invariant still sees the early return itself.
    /// </summary>
    [Fact]
    public void RemoveNoWaitBreaksRemoveQuiescenceWithoutKasan()
    {
        var target = Target(PortDefects.RemoveNoWait, "deferred-remove");
        var found = Budget.Strategies.Select(strategy => Explorer.Explore(target.CreateProgram(),
                KillHunt.Options(target, strategy, 1, Budget) with { Detectors = Detectors.All & ~Detectors.Kasan }))
            .FirstOrDefault(r => r.FoundBug);
        Assert.True(found is not null, "without KASAN remove-no-wait must still break remove-quiescence");
        Assert.Contains(found.Bugs[0].AllBugsOfRun, b => b.Invariant == Invariants.InvariantNames.RemoveQuiescence);
    }

    [Fact]
    public void TheV1SequenceVariantRunsCleanOnItsScenarioWithoutKcsan()
    {
        var clean = Budget with { MaxSchedules = 500 };
        foreach (var target in Targets.Value.Where(t => t.Defect == PortDefects.V1SeqWriteOutsideUserLock))
        foreach (var strategy in new[] { RandomStrategy.Descriptor.Name, DfsStrategy.Descriptor.Name })
        {
            var options = KillHunt.Options(target, strategy, 1, clean) with { Detectors = Detectors.All & ~Detectors.Kcsan };
            var report = Explorer.Explore(target.CreateProgram(), options);
            Assert.False(report.FoundBug, $"{strategy}: {Models.Describe(report)}");
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
        var target = Target(entry.Name, entry.Scenarios[0]);

        var found = KillHunt.Run(target, RandomStrategy.Descriptor.Name, Budget with { MaxSchedules = 500 }).First();
        Assert.True(found.Found);
        var finding = found.Report.Bugs[0].AllBugsOfRun.Where(b => b.Kind == BugKind.InvariantViolation).ToList();
        Assert.Contains(finding, b => b.Invariant == Invariants.InvariantNames.ActiveRanges);
        Assert.All(finding, b => Assert.Contains(b.Invariant!, FindingFilters.CoreStateInvariants));

        foreach (var strategy in Budget.Strategies)
        {
            var options = KillHunt.Options(target, strategy, 1, Budget with { MaxSchedules = 300 }) with { StopAtFirstBug = false };
            var faithful = Explorer.Explore(ScenarioProgram.Build(target.Scenario), options);
            Assert.False(faithful.FoundBug, $"{strategy}: a core-state invariant fired on the faithful port");
            var all = Explorer.Explore(ScenarioProgram.Build(target.Scenario), options with { FindingFilter = null });
            Assert.True(all.FoundBug);
            Assert.All(all.Bugs.SelectMany(b => b.AllBugsOfRun).Where(b => b.IsBug), b => Assert.Equal(BugKind.WarnOn, b.Kind));
        }
    }
}

// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Strategies;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.KillMatrix;
using MmuNotifier.Verification.Models.Scenarios;

namespace MmuNotifier.Verification.Models.Tests.KillMatrix;

/// <summary>
/// The detector hunts of the kill matrix (<see cref="KillHunt.Run(KillTarget, string, FindingSource, KillBudget)"/>):
/// each column's hunt finds the defects of its own kind, counts nothing of another source's, and
/// finds nothing on the faithful port. Random, seed 1, schedules counted.
/// </summary>
public sealed class DetectorHuntTests
{
    private static readonly KillBudget Budget = new() { Strategies = [RandomStrategy.Descriptor.Name], Seeds = 1, MaxSchedules = 1000, MaxSteps = 5_000 };

    private static KillTarget Target(string defect, string scenario) =>
        KillTarget.All(Models.Catalog).Single(t => t.Defect == defect && t.Program == scenario);

    private static FindingSource Source(string name) => FindingSource.All.Single(s => s.Name == name);

    private static KillAttempt Hunt(KillTarget target, string source) =>
        KillHunt.Run(target, RandomStrategy.Descriptor.Name, Source(source), Budget).Single();

    [Theory]
    [InlineData(PortDefects.NoOddSeqOnStart, "fault-vs-unmap", "checks")]
    [InlineData(PortDefects.InvEndNoWakeup, "fault-vs-unmap", "deadlock")]
    [InlineData(PortDefects.PutFreesImmediately, "get-put", "kasan")]
    [InlineData(PortDefects.V1SeqWriteOutsideUserLock, "fault-vs-unmap", "kcsan")]
    public void EachColumnFindsTheDefectsOfItsKindAndNothingOnTheFaithfulPort(string defect, string scenario, string source)
    {
        var target = Target(defect, scenario);
        var found = Hunt(target, source);
        Assert.True(found.Found, $"{source} did not find {defect} on {scenario} in {Budget.MaxSchedules} schedules");
        Assert.Equal(Source(source).Detector, found.Options.Detectors);
        Assert.Contains(found.Report.Bugs[0].AllBugsOfRun, b => FindingSource.Of(b).Name == source);

        // The twin: the same hunt without the defect.
        var faithful = Explorer.Explore(ScenarioProgram.Build(target.Scenario), found.Options);
        Assert.False(faithful.FoundBug, $"{source} on the faithful {scenario}: {Models.Describe(faithful)}");
    }

    /// <summary>A column counts only its own source's reports: the deadlock of inv-end-no-wakeup is not the checks column's, nor KCSAN's.</summary>
    [Theory]
    [InlineData("checks")]
    [InlineData("kcsan")]
    [InlineData("kasan")]
    public void AnotherSourcesFindingDoesNotCount(string source)
    {
        var target = Target(PortDefects.InvEndNoWakeup, "fault-vs-unmap");
        Assert.True(Hunt(target, "deadlock").Found);
        var other = Hunt(target, source);
        Assert.False(other.Found, $"{source}: {Models.Describe(other.Report)}");
        Assert.Equal(Budget.MaxSchedules, other.Report.Iterations);
    }

    /// <summary>
    /// With every detector on, KCSAN's report of the unlocked set_seq ends the run first; the
    /// checks column's own hunt (KCSAN off) still sees the lost invalidation it leads to.
    /// </summary>
    [Fact]
    public void AColumnIsNotHiddenByADetectorThatFiresFirst()
    {
        var target = Target(DriverDefects.MirrorSetSeqAfterUnlock, "fault-vs-zap");
        var combined = KillHunt.Run(target, RandomStrategy.Descriptor.Name, Budget).Single();
        Assert.True(combined.Found);
        Assert.Equal("kcsan", FindingSource.Of(combined.Report.Bugs[0].Bug).Name);

        var checks = Hunt(target, "checks");
        Assert.True(checks.Found);
        Assert.Contains(checks.Report.Bugs[0].AllBugsOfRun, b => b.Invariant == Invariants.InvariantNames.NoMissedInvalidation);
        Assert.True(Hunt(target, "kcsan").Found);
    }

    /// <summary>The defect's rule still applies inside a column: review-blockable-backoff counts only a core-state invariant, never the faithful port's WARN.</summary>
    [Fact]
    public void TheDefectsRuleStillDecidesWithinAColumn()
    {
        var entry = DefectCatalogue.Find(PortDefects.ReviewBlockableBackoff)!;
        var target = Target(entry.Name, entry.Scenarios[0]);
        var found = Hunt(target, "checks");
        Assert.True(found.Found);
        Assert.Contains(found.Report.Bugs[0].AllBugsOfRun, b => b.Invariant is { } name && FindingFilters.CoreStateInvariants.Contains(name));
        Assert.False(Explorer.Explore(ScenarioProgram.Build(target.Scenario), found.Options).FoundBug);
    }

    [Fact]
    public void DetectorHuntsAreDeterministic()
    {
        var target = Target(DriverDefects.MirrorSetSeqAfterUnlock, "overlapping-mirrors");
        var first = Hunt(target, "checks");
        var second = Hunt(target, "checks");
        Assert.Equal(first.Found, second.Found);
        if (first.Found) Assert.Equal(first.SchedulesToFinding, second.SchedulesToFinding);
    }
}

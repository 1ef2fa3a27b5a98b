// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.World;
using MmuNotifier.Verification.Models.Tests.BrokenModels;
using Xunit.Abstractions;
using static MmuNotifier.Verification.Models.Tests.Models;

namespace MmuNotifier.Verification.Models.Tests.Defects;

/// <summary>
/// The verdict on v1-seq-write-outside-user-lock, by exploration of the models: under sequential
/// consistency the v1 protocol (the core stores cur_seq before invalidate, outside the driver
/// lock; mmu_interval_set_seq, which v1 did not have, stores nothing) loses no invalidation. The
/// same scenarios are shown to be sensitive: a driver that stores no sequence on the final port
/// is caught at once. The SC verdict is the engine's own checks (KCSAN off); KCSAN does find
/// the variant, as the data race between the core's store and read_retry's plain read.
/// </summary>
public sealed class V1SeqVerdictTests(ITestOutputHelper output)
{
    private static readonly KernelConfig V1 = KernelConfig.Faithful.WithDefect(PortDefects.V1SeqWriteOutsideUserLock);

    /// <summary>fault-vs-unmap with a second unmapper of the same page.</summary>
    private static Scenario TwoUnmappers() => Make("fault-vs-two-unmaps", 2, [Mirror("mirror")],
        Thread("cpu0", new OpSpec(OpKind.Fault, "mirror", 0)),
        Thread("cpu1", new OpSpec(OpKind.Unmap, Page: 0)),
        Thread("cpu2", new OpSpec(OpKind.Unmap, Page: 0)));

    private static ExplorationReport Explore(Scenario scenario, KernelConfig config, string strategy, long budget,
        int? bound = null, WorldOptions? options = null, Detectors detectors = Detectors.All & ~Detectors.Kcsan) =>
        Explorer.Explore(ScenarioProgram.Build(scenario, config, options), new ExplorationOptions
        {
            Strategy = strategy, Seed = 1, Iterations = budget, PreemptionBound = bound, MaxSteps = 5_000, Detectors = detectors,
        });

    [Fact]
    public void KcsanFindsTheV1StoreOutsideTheDriverLockAsADataRace()
    {
        var report = Explore(Get("fault-vs-unmap"), V1, "dfs", 1000, bound: 2, detectors: Detectors.All);
        Assert.True(report.FoundBug, "KCSAN must see the v1 core's WRITE_ONCE of the subscription's sequence outside the driver lock");
        var race = report.Bugs[0].Bug;
        Assert.Equal(BugKind.DataRace, race.Kind);
        Assert.Contains("sub[mirror].invalidate_seq", race.Message);
        Assert.Contains("locks held: mirror.mutex", race.Message);
        // The faithful port, same search: mmu_interval_set_seq stores under the driver lock.
        Assert.False(Explore(Get("fault-vs-unmap"), KernelConfig.Faithful, "dfs", 1000, bound: 2, detectors: Detectors.All).FoundBug);
    }

    [Fact]
    public void BoundedDfsExhaustsTheV1ProtocolWithoutABug()
    {
        var report = Explore(Get("fault-vs-unmap"), V1, "dfs", 100_000, bound: 3);
        Assert.False(report.FoundBug, Describe(report));
        Assert.Empty(report.StepBoundHits);
        Assert.True(report.Exhausted, $"dfs(pb=3) did not exhaust the space in {report.Iterations} schedules");
        output.WriteLine($"v1-seq-write-outside-user-lock: dfs(pb=3) exhausted {report.Iterations} schedules, no bug");
    }

    [Fact]
    public void RandomWalksWithTwoUnmappersFindNoBugInTheV1Protocol()
    {
        var report = Explore(TwoUnmappers(), V1, "random", 5_000);
        Assert.False(report.FoundBug, Describe(report));
        output.WriteLine($"v1-seq-write-outside-user-lock: random {report.Iterations} schedules with two unmappers, no bug");
    }

    [Theory]
    [InlineData("pct")]
    [InlineData("dfs")]
    public void TheSameScenarioCatchesADriverThatStoresNoSequenceOnTheFinalPort(string strategy)
    {
        var report = Explore(Get("fault-vs-unmap"), KernelConfig.Faithful, strategy, 1000, strategy == "dfs" ? 2 : null,
            Broken.Mirror((w, s) => new BrokenMirrors.SkipsSetSeq(w, s)));
        Assert.True(report.FoundBug, "a driver that never records cur_seq must be seen to map a stale PTE");
        Assert.Contains(report.Bugs[0].AllBugsOfRun, b => b.Invariant == InvariantNames.NoMissedInvalidation);
        output.WriteLine($"no-set-seq driver on the final port: {strategy} finds it at schedule {report.Bugs[0].Trace.Iteration + 1}");
    }
}

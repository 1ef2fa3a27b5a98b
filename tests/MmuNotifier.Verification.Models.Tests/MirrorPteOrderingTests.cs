// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Abstractions;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.Tests.BrokenModels;
using MmuNotifier.Verification.Models.World;

namespace MmuNotifier.Verification.Models.Tests;

/// <summary>
/// The mirror's PTE read under lkmm (docs/defects.md, "the mirror's PTE read under lkmm"): read
/// under the PTL, as the model now does, no invalidation is lost on the three scenarios where the
/// old lockless READ_ONCE lost one; the lockless read, kept as a broken mirror, still loses it
/// under lkmm and never under sc. Random, fixed seeds, budgets in schedules.
/// </summary>
public sealed class MirrorPteOrderingTests
{
    public static TheoryData<string> Scenarios() => new(["fault-vs-zap", "deferred-insert", "oom-reap-partial-eagain"]);

    private static ExplorationReport Explore(string scenario, MemoryModel model, WorldOptions? world, long iterations) =>
        Explorer.Explore(ScenarioProgram.Build(Models.Get(scenario), KernelConfig.Faithful, world), new ExplorationOptions
        {
            Strategy = "random",
            Seed = 1,
            Iterations = iterations,
            MaxSteps = 5_000,
            MemoryModel = model,
        });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void TheMirrorsLockedPteReadLosesNoInvalidationUnderLkmm(string scenario)
    {
        var report = Explore(scenario, MemoryModel.Lkmm, null, 1500);
        Assert.False(report.FoundBug, $"{scenario} under lkmm: {Models.Describe(report)}");
    }

    [Fact]
    public void ALocklessPteReadLosesAnInvalidationUnderLkmmOnly()
    {
        var lockless = Broken.Mirror((w, s) => new BrokenMirrors.LocklessPteRead(w, s));
        var weak = Explore("fault-vs-zap", MemoryModel.Lkmm, lockless, 3000);
        Assert.True(weak.FoundBug, "the lockless PTE read must be able to see the PTE from before the zap under lkmm");
        Assert.Equal(InvariantNames.NoMissedInvalidation, weak.Bugs[0].Bug.Invariant);

        var sc = Explore("fault-vs-zap", MemoryModel.Sc, lockless, 3000);
        Assert.False(sc.FoundBug, $"under sc: {Models.Describe(sc)}");
    }
}

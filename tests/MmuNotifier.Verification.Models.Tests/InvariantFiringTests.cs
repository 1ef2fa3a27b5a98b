// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Engine.Testing;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Models.Defects;
using MmuNotifier.Verification.Models.Invariants;
using MmuNotifier.Verification.Models.Scenarios;
using MmuNotifier.Verification.Models.Tests.BrokenModels;
using MmuNotifier.Verification.Models.World;
using static MmuNotifier.Verification.Models.Tests.Models;

namespace MmuNotifier.Verification.Models.Tests;

/// <summary>
/// Every invariant of design.md §5 fires on a deliberately broken model. The faithful models run
/// the same scenarios clean in <see cref="ScenarioExplorationTests"/>.
/// </summary>
public sealed class InvariantFiringTests
{
    private static Bug Fires(Scenario scenario, WorldOptions options, BugKind kind, string? invariant = null, string? message = null,
        bool randomOnly = false, KernelConfig? defects = null)
    {
        // PCT first: it finds the "one thread runs a whole operation in between" schedules that a
        // random walk reaches with tiny probability; random then covers the fine-grained races.
        var report = randomOnly ? null : Explore(scenario, "pct", iterations: 3000, seed: 3, options: options, defects: defects);
        if (report is not { FoundBug: true }) report = Explore(scenario, "random", iterations: 10_000, seed: 1, options: options, defects: defects);
        Assert.True(report.FoundBug, $"{scenario.Name} with {options.Variant}: nothing fired");
        var bug = report.Bugs[0].Bug;
        Assert.True(bug.Kind == kind, $"expected {kind}, got {Describe(report)}");
        if (invariant is not null) Assert.Equal(invariant, bug.Invariant);
        if (message is not null) Assert.True(bug.Message.Contains(message, StringComparison.Ordinal), Describe(report));
        return bug;
    }

    /// <summary>A silent twin: the faithful port and models find nothing on <paramref name="scenario"/>, under PCT or random.</summary>
    private static void Silent(Scenario scenario, int iterations = 2000)
    {
        foreach (var strategy in new[] { "pct", "random" })
            Assert.False(Explore(scenario, strategy, iterations, seed: 3).FoundBug, strategy);
    }

    private static Bug Violates(Scenario scenario, WorldOptions options, string invariant, string? message = null, bool randomOnly = false,
        KernelConfig? defects = null) =>
        Fires(scenario, options, BugKind.InvariantViolation, invariant, message, randomOnly, defects);

    [Fact]
    public void OddSeq_MirrorStoringAnEvenSequence() =>
        Violates(Get("fault-vs-unmap"), Broken.Mirror((w, s) => new BrokenMirrors.EvenSeq(w, s)), InvariantNames.OddSeq, "even");

    [Fact]
    public void NoMissedInvalidation_PteChangedOutsideStartEnd() =>
        Violates(Get("fault-vs-unmap"), Broken.Core(w => new BrokenCoreMm.SkipsStartEnd(w)), InvariantNames.NoMissedInvalidation,
            "outside any invalidate_range_start/end");

    [Fact]
    public void NoMissedInvalidation_MappingStillPresentAtPteChange() =>
        Violates(Get("fault-vs-unmap"), Broken.Mirror((w, s) => new BrokenMirrors.SkipsZap(w, s)), InvariantNames.NoMissedInvalidation, "still maps");

    [Fact]
    public void NoMissedInvalidation_MirrorMapsAfterItsCallbackReturned()
    {
        // Random reaches the install that lands between the callback and the PTE change; PCT
        // prefers the stale install after the end, which the fourth clause reports (next test).
        var scenario = Make("fault-vs-zap", 2, [Mirror("mirror")],
            Thread("cpu0", new OpSpec(OpKind.Fault, "mirror", 1)),
            Thread("cpu1", new OpSpec(OpKind.Zap, null, 0, 2)));
        var bug = Violates(scenario, Broken.Mirror((w, s) => new BrokenMirrors.SkipsSetSeq(w, s)), InvariantNames.NoMissedInvalidation,
            "after its invalidate callback", randomOnly: true);
        Assert.Equal(BugComponent.Driver, bug.Component);
    }

    [Fact]
    public void NoMissedInvalidation_StaleMirrorMappingAfterTheInvalidation() =>
        Violates(Get("fault-vs-unmap"), Broken.Mirror((w, s) => new BrokenMirrors.SkipsSetSeq(w, s)), InvariantNames.NoMissedInvalidation, "but the PTE is");

    /// <summary>
    /// Bumping the sequence at start lets a fault that snapshots it mid-invalidation and reads
    /// the old PTE install it after the end: why KVM bumps in invalidate_range_end.
    /// </summary>
    [Fact]
    public void NoMissedInvalidation_KvmSequenceBumpedAtStart()
    {
        var scenario = Make("kvm-migrate", 1, [new SubscriptionSpec("kvm", UserKind.Kvm, 0, 1, true)],
            Thread("vcpu", new OpSpec(OpKind.Fault, "kvm", 0), new OpSpec(OpKind.Fault, "kvm", 0)),
            Thread("cpu1", new OpSpec(OpKind.Migrate, null, 0, 1), new OpSpec(OpKind.Migrate, null, 0, 1)));
        Violates(scenario, Broken.Kvm((w, s) => new BrokenHlistUsers.KvmBumpsSeqAtStart(w, s)), InvariantNames.NoMissedInvalidation, "but the PTE is", randomOnly: true);
    }

    [Fact]
    public void NoMissedInvalidation_SecondaryTlbNotFlushedBeforePtlDrop() =>
        Violates(Get("secondary-tlb-unmap"), Broken.Tlb((w, s) => new BrokenHlistUsers.TlbSkipsFlush(w, s)), InvariantNames.NoMissedInvalidation,
            "but the PTE is");

    [Fact]
    public void NoMissedInvalidation_ExitMmapLeavesAMapping()
    {
        var scenario = Make("tlb-exit", 1, [new SubscriptionSpec("iommu", UserKind.SecondaryTlb, 0, 1, true)],
            Thread("dev", new OpSpec(OpKind.Fault, "iommu", 0)),
            Thread("exit", new OpSpec(OpKind.Exit)));
        Violates(scenario, Broken.Tlb((w, s) => new BrokenHlistUsers.TlbIgnoresRelease(w, s)), InvariantNames.NoMissedInvalidation, "exit_mmap");
    }

    [Fact]
    public void TreeStability_RemoveThatIgnoresARunningInvalidation() =>
        Violates(Get("deferred-remove"), Broken.Mirror((w, s) => new BrokenMirrors.RemoveBypassesDefer(w, s)), InvariantNames.TreeStability);

    /// <summary>The count half of active-ranges: a core MM ending one invalidation twice wraps the count around.</summary>
    [Fact]
    public void ActiveRanges_EndCalledTwice() =>
        Violates(Get("fault-vs-unmap"), Broken.Core(w => new BrokenCoreMm.CallsEndTwice(w)), InvariantNames.ActiveRanges, "between start and end");

    /// <summary>The deferred-list half of active-ranges (design.md §5 counts it under tree stability).</summary>
    [Fact]
    public void ActiveRanges_DeferredListWithNoInvalidationActive()
    {
        var scenario = Make("idle-remove", 1, [Mirror("mirror", 0, 1)], Thread("cpu0", new OpSpec(OpKind.Remove, "mirror")));
        Violates(scenario, Broken.Mirror((w, s) => new BrokenMirrors.RemoveAlwaysDefers(w, s)), InvariantNames.ActiveRanges, "deferred list");
    }

    /// <summary>The monitor half of tree-stability (the tree's own live-iteration check is the other).</summary>
    [Fact]
    public void TreeStability_TreeChangedWhileTheSequenceStayedOdd() =>
        Violates(Get("insert-remove-vs-zaps"), WorldOptions.Default, InvariantNames.TreeStability, "changed while invalidate_seq stayed odd",
            randomOnly: true, defects: KernelConfig.Faithful.WithDefect(Kernel.Defects.PortDefects.InvEndDeferredEarly));

    [Fact]
    public void ReleaseOnce_IntervalSubscriptionReleasedTwice() =>
        Violates(Get("exit-mirror-and-kvm"), WorldOptions.Default, InvariantNames.ReleaseOnce, "MMU_NOTIFY_RELEASE",
            defects: KernelConfig.Faithful.WithDefect(Kernel.Defects.PortDefects.V1DoubleItreeRelease));

    /// <summary>
    /// The port's BUG_ON in __mmu_notifier_subscriptions_destroy: a driver that drops an mm_count
    /// reference it does not own frees the mm (and its subscriptions) while still on the list.
    /// </summary>
    [Fact]
    public void Refcounts_SubscriptionsFreedWhileTheListIsNotEmpty()
    {
        var scenario = Make("kvm-overdrop", 1, [new SubscriptionSpec("kvm", UserKind.Kvm, 0, 1, true)],
            Thread("cpu0", new OpSpec(OpKind.Migrate, null, 0, 1)));
        var bug = Fires(scenario, Broken.Kvm((w, s) => new BrokenHlistUsers.KvmDropsForeignMmCount(w, s)), BugKind.BugOn,
            message: "__mmu_notifier_subscriptions_destroy");
        Assert.Contains("still has subscribers", bug.Message);
    }

    [Fact]
    public void RemoveQuiescence_RemoveThatDoesNotUnsubscribe() =>
        Violates(Get("deferred-remove"), Broken.Mirror((w, s) => new BrokenMirrors.FakeRemove(w, s)), InvariantNames.RemoveQuiescence);

    [Fact]
    public void ReadSideProgress_InvalidationThatNeverEnds()
    {
        var bug = Fires(Get("fault-vs-unmap"), Broken.Core(w => new BrokenCoreMm.SkipsEnd(w)), BugKind.Deadlock);
        Assert.Contains("subscriptions.wq", bug.Message);
    }

    [Fact]
    public void HlistSrcu_ReleaseTwiceAfterExit() =>
        Violates(Get("exit-vs-unregister"), Broken.Kvm((w, s) => new BrokenHlistUsers.KvmUnregisterIgnoresUnhashed(w, s)), InvariantNames.HlistSrcu, "->release");

    [Fact]
    public void HlistSrcu_OpAfterUnregisterReturned()
    {
        var scenario = Make("kvm-unregister", 2, [new SubscriptionSpec("kvm", UserKind.Kvm, 0, 2, true)],
            Thread("cpu0", new OpSpec(OpKind.Unregister, "kvm")),
            Thread("cpu1", new OpSpec(OpKind.Zap, null, 0, 2)));
        Violates(scenario, WorldOptions.Default, InvariantNames.HlistSrcu, "mmu_notifier_unregister",
            defects: KernelConfig.Faithful.WithDefect(Kernel.Defects.PortDefects.UnregisterNoSynchronize));
    }

    [Fact]
    public void HlistSrcu_NotifierFreedWithoutGracePeriod()
    {
        var report = Explore(Get("get-put"), "random", 5000, seed: 3, options: WorldOptions.Default,
            defects: KernelConfig.Faithful.WithDefect(Kernel.Defects.PortDefects.PutFreesImmediately));
        Assert.True(report.FoundBug);
        var bug = report.Bugs[0].Bug;
        Assert.True(bug.Kind == BugKind.UseAfterFree || bug.Invariant == InvariantNames.HlistSrcu, Describe(report));
    }

    /// <summary>An unregister whose ->release runs outside SRCU: exit_mmap's synchronize_srcu does not wait for it.</summary>
    [Fact]
    public void ReleaseQuiescence_ExitReturnsWhileUnregistersReleaseRuns() =>
        Violates(Get("exit-vs-unregister"), Broken.Kvm((w, s) => new BrokenHlistUsers.KvmReleasesOutsideSrcu(w, s)), InvariantNames.ReleaseQuiescence,
            "still runs");

    /// <summary>The silent twin: the faithful unregister holds SRCU over ->release, and exit_mmap waits for it.</summary>
    [Fact]
    public void ReleaseQuiescence_SilentForTheFaithfulUnregister() => Silent(Get("exit-vs-unregister"), 3000);

    [Fact]
    public void HlistSrcu_EndWithoutStart() =>
        Violates(Get("kvm-faults"), Broken.Core(w => new BrokenCoreMm.CallsEndTwice(w)), InvariantNames.HlistSrcu, "without a successful start");

    [Fact]
    public void HlistSrcu_SubscriberWithBothTlbAndStartEnd() =>
        Violates(Get("kvm-faults"), Broken.Kvm((w, s) => new BrokenHlistUsers.KvmSwapsToBothOps(w, s)), InvariantNames.HlistSrcu, "both");

    [Fact]
    public void BlockingRules_SleepInNonBlockableInvalidation()
    {
        var bug = Fires(Get("oom-reap-contended"), WorldOptions.Default, BugKind.SleepInAtomic,
            defects: KernelConfig.Faithful.WithDefect(DriverDefects.MirrorSleepsInNonblockable));
        Assert.Contains("non-blockable", bug.Message);
    }

    /// <summary>The reaper's own rule: nothing under its start may sleep, whatever flags the range carries.</summary>
    [Fact]
    public void BlockingRules_OomReaperThatMaySleep()
    {
        var bug = Fires(Get("oom-reap-contended"), Broken.Core(w => new BrokenCoreMm.ReaperBlocks(w)), BugKind.SleepInAtomic);
        Assert.Contains("OOM reaper", bug.Message);
    }

    /// <summary>Its silent twin: the faithful reaper, whose callbacks are told not to block, never sleeps.</summary>
    [Fact]
    public void BlockingRules_FaithfulOomReaperDoesNotSleep() => Silent(Get("oom-reap-contended"));

    [Fact]
    public void BlockingRules_SleepUnderThePageTableLock()
    {
        var bug = Fires(Get("secondary-tlb-unmap"), Broken.Tlb((w, s) => new BrokenHlistUsers.TlbSleeps(w, s)), BugKind.SleepInAtomic);
        Assert.Contains("spinlock", bug.Message);
    }

    [Fact]
    public void Refcounts_LeakedMmgrab() =>
        Violates(Get("get-put"), Broken.GetPut((w, s) => new BrokenHlistUsers.GetPutLeaksMmCount(w, s)), InvariantNames.Refcounts, "mm_count");

    [Fact]
    public void Refcounts_LeakedPinKeepsTheMmAfterExit()
    {
        var scenario = Make("get-exit", 1, [new SubscriptionSpec("sva", UserKind.GetPut, 0, 1, true)],
            Thread("exit", new OpSpec(OpKind.Exit)));
        Violates(scenario, Broken.GetPut((w, s) => new BrokenHlistUsers.GetPutLeaksMmCount(w, s)), InvariantNames.Refcounts, "never freed");
    }

    /// <summary>A get that returns whatever subscription heads the list: here the secondary TLB user's.</summary>
    [Fact]
    public void GetIdentity_GetReturnsAnotherSubscribersNotifier() =>
        Violates(Get("coverage-mixed-hlist"), Broken.GetPut((w, s) => new BrokenHlistUsers.GetPutTakesFirstOnList(w, s)), InvariantNames.GetIdentity,
            "registered with");

    /// <summary>The silent twin: the faithful mmu_notifier_get skips the list's other subscribers and allocates.</summary>
    [Fact]
    public void GetIdentity_SilentForTheFaithfulGet() => Silent(Get("coverage-mixed-hlist"));

    [Fact]
    public void BadInput_ZeroLengthAccepted() =>
        Violates(Get("bad-input-overflow"), Broken.Mirror((w, s) => new BrokenMirrors.RoundsUpLength(w, s)), InvariantNames.BadInput, "expected -EOVERFLOW");

    [Fact]
    public void BadInput_LeakOnEnomem() =>
        Violates(Get("bad-input-enomem"), Broken.GetPut((w, s) => new BrokenHlistUsers.GetPutLeaksOnEnomem(w, s)), InvariantNames.BadInput, "leaked");

    /// <summary>A mirror of page 0 that really subscribed pages 0 and 1, against a zap of page 1 alone.</summary>
    private static Scenario ZapNextToMirror() =>
        Make("zap-next-to-mirror", 2, [Mirror("mirror", 0, 1)],
            Thread("cpu0", new OpSpec(OpKind.Fault, "mirror", 0)),
            Thread("cpu1", new OpSpec(OpKind.Zap, null, 1, 1)));

    [Fact]
    public void CallbackRange_InvalidateOutsideTheSubscribedRange() =>
        Violates(ZapNextToMirror(), Broken.Mirror((w, s) => new BrokenMirrors.InsertsOnePageMore(w, s)), InvariantNames.CallbackRange,
            "does not intersect");

    /// <summary>The silent twin: the faithful mirror, subscribed to page 0 only, never hears about the zap of page 1.</summary>
    [Fact]
    public void CallbackRange_SilentForTheFaithfulMirror() => Silent(ZapNextToMirror());

    [Fact]
    public void BadInput_InsertWithoutUsersWarns()
    {
        var report = Explore(Get("bad-input-no-users"), "random", 10);
        Assert.Equal(BugKind.WarnOn, report.Bugs[0].Bug.Kind);
        Assert.Contains("mm_users", report.Bugs[0].Bug.Message);
        Assert.Single(report.Bugs[0].AllBugsOfRun);
    }
}

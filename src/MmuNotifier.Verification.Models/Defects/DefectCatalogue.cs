// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Engine.Checking;
using MmuNotifier.Verification.Kernel;
using MmuNotifier.Verification.Kernel.Defects;
using MmuNotifier.Verification.Models.Invariants;
using static MmuNotifier.Verification.Models.Defects.DefectOrigin;

namespace MmuNotifier.Verification.Models.Defects;

/// <summary>
/// The one defect registry of the product: every port defect (names in the kernel's
/// <see cref="PortDefects"/>) and every driver misuse (names in <see cref="DriverDefects"/>),
/// each with origin, description, expected finding, finding rule, location and scenarios.
/// docs/defects.md is its prose form; `mmu-verify list defects` prints it.
/// </summary>
public static class DefectCatalogue
{
    private static readonly ExpectedFinding Warning = new(BugKind.WarnOn, null, BugComponent.Warning);
    private static readonly ExpectedFinding MissedInvalidation = ExpectedFinding.Violation(InvariantNames.NoMissedInvalidation);
    private static readonly ExpectedFinding OddSeq = ExpectedFinding.Violation(InvariantNames.OddSeq);

    public static IReadOnlyList<Defect> All { get; } =
    [
        // Port defects: historical and review.
        new(PortDefects.V1ReleaseWarnInverted, Historical003,
            "mn_itree_release warns when invalidate succeeds instead of when it fails",
            Warning, "mn_itree_release", ["exit-vs-fault-remove", "exit-mirror-and-kvm"]),
        new(PortDefects.V1DoubleItreeRelease, Historical003,
            "mn_hlist_release runs mn_itree_release again after __mmu_notifier_release already did",
            ExpectedFinding.Violation(InvariantNames.ReleaseOnce), "mn_hlist_release", ["exit-mirror-and-kvm"]),
        new(PortDefects.RfcRegisterNullOps, Historical001,
            "__mmu_notifier_register reads subscription->ops for the TLB/start-end check even when subscription is NULL",
            new(BugKind.BugOn, null, BugComponent.Core), "__mmu_notifier_register", ["fault-vs-unmap", "deferred-insert"]),
        // The faithful port WARNs about the broken driver of this defect's scenario, so only the
        // core state going wrong shows the defect itself.
        new(PortDefects.ReviewBlockableBackoff, Review003,
            "mn_itree_invalidate backs off with -EAGAIN on any false return, blockable or not",
            ExpectedFinding.Violation(InvariantNames.ActiveRanges), "mn_itree_invalidate", ["blockable-failure"],
            FindingRule.CoreStateInvariant),
        // No invalidation is lost under sequential consistency (V1SeqVerdictTests, KCSAN off);
        // KCSAN sees the core's WRITE_ONCE unordered with read_retry's plain read under the driver lock.
        new(PortDefects.V1SeqWriteOutsideUserLock, Historical003,
            "mn_itree_invalidate stores cur_seq in the subscription before invalidate, outside the driver lock (v1 drivers do not set it)",
            new(BugKind.DataRace, null, BugComponent.Core), "mn_itree_invalidate", ["fault-vs-unmap"]),

        // Port defects: synthetic.
        new(PortDefects.NoOddSeqOnStart, Synthetic,
            "mn_itree_inv_start_range leaves invalidate_seq even when it finds a subscription",
            OddSeq, "mn_itree_inv_start_range", ["fault-vs-unmap", "overlapping-mirrors"]),
        new(PortDefects.InvEndNoWakeup, Synthetic,
            "mn_itree_inv_end makes the sequence even but never wakes the waiters",
            new(BugKind.Deadlock, null, BugComponent.Core), "mn_itree_inv_end", ["fault-vs-unmap"]),
        new(PortDefects.InvEndDeferredEarly, Synthetic,
            "mn_itree_inv_end applies the deferred inserts and removes although other invalidations still run",
            ExpectedFinding.Violation(InvariantNames.TreeStability), "mn_itree_inv_end", ["insert-remove-vs-zaps", "insert-vs-two-zaps"]),
        new(PortDefects.InsertExcludedNoOdd, Synthetic,
            "an insert during an invalidation that covers no subscription does not make the sequence odd",
            OddSeq, "__mmu_interval_notifier_insert", ["insert-remove-vs-zaps"]),
        new(PortDefects.InsertIdleEvenSeq, Synthetic,
            "an insert with no invalidation running gives the subscription the current even sequence, not sequence - 1",
            OddSeq, "__mmu_interval_notifier_insert", ["fault-vs-unmap", "deferred-insert"]),
        new(PortDefects.ReadBeginUnlocked, Synthetic,
            "mmu_interval_read_begin compares the two sequences without subscriptions->lock",
            MissedInvalidation, "mmu_interval_read_begin", ["fault-vs-zap", "overlapping-mirrors"]),
        new(PortDefects.RemoveNoDefer, Synthetic,
            "a remove during an invalidation unlinks the node from the frozen tree at once",
            ExpectedFinding.Violation(InvariantNames.TreeStability), "mmu_interval_notifier_remove", ["deferred-remove", "insert-remove-vs-zaps"]),
        new(PortDefects.RemoveNoWait, Synthetic,
            "a remove during an invalidation returns without waiting for the sequence to move on",
            // The mirror frees its struct once remove returns: the invalidation still walking the
            // tree, or mn_itree_inv_end unlinking the deferred node, touches freed memory (KASAN);
            // the remove-quiescence invariant sees the callback that runs after the early return.
            // Which comes first depends on the schedule.
            new(BugKind.UseAfterFree, null, BugComponent.Core) { Or = ExpectedFinding.Violation(InvariantNames.RemoveQuiescence) },
            "mmu_interval_notifier_remove", ["deferred-remove", "insert-remove-vs-zaps"]),
        new(PortDefects.NonblockFailNoInvEnd, Synthetic,
            "the -EAGAIN path of mn_itree_invalidate returns without mn_itree_inv_end",
            ExpectedFinding.Violation(InvariantNames.ActiveRanges), "mn_itree_invalidate", ["oom-reap-contended"]),
        new(PortDefects.UnregisterNoSynchronize, Synthetic,
            "mmu_notifier_unregister returns without synchronize_srcu",
            // The driver frees its struct once unregister returns: an SRCU reader still on the
            // node reads its next link or calls its ops in freed memory (KASAN).
            new(BugKind.UseAfterFree, null, BugComponent.Core), "mmu_notifier_unregister", ["register-unregister"]),
        new(PortDefects.PutFreesImmediately, Synthetic,
            "the last mmu_notifier_put frees the subscription at once instead of through call_srcu",
            new(BugKind.UseAfterFree, null, BugComponent.Core), "mmu_notifier_put", ["get-put"]),
        new(PortDefects.HlistStartFailNoEnd, Synthetic,
            "after a failed non-blocking start, the subscribers whose start succeeded get no invalidate_range_end",
            ExpectedFinding.Violation(InvariantNames.HlistSrcu), "mn_hlist_invalidate_range_start", ["hlist-nonblock-fail"]),
        new(PortDefects.InitialSeqOdd, Synthetic,
            "a new subscriptions structure starts with an odd invalidate_seq",
            OddSeq, "__mmu_notifier_register", ["fault-vs-unmap"]),

        // Driver misuse.
        // KCSAN reports the unlocked store before the missed invalidation it leads to (which is
        // what the engine's own checks find with KCSAN off, DefectFindingTests).
        new(DriverDefects.MirrorSetSeqAfterUnlock, DriverMisuse,
            "the mirror's invalidate calls mmu_interval_set_seq after dropping its mutex",
            new(BugKind.DataRace, null, BugComponent.Driver), "HmmMirror.Invalidate", ["fault-vs-zap", "overlapping-mirrors"]),
        new(DriverDefects.MirrorSkipsReadRetry, DriverMisuse,
            "the mirror installs the PTE it read without calling mmu_interval_read_retry",
            MissedInvalidation, "HmmMirror.Fault", ["fault-vs-zap", "overlapping-mirrors", "oom-reap-partial-eagain"]),
        new(DriverDefects.MirrorMapsBeforeLock, DriverMisuse,
            "the mirror installs its mapping before taking the mutex that read_retry needs, and only undoes it on retry",
            MissedInvalidation, "HmmMirror.Fault", ["fault-vs-zap", "overlapping-mirrors"]),
        new(DriverDefects.MirrorSleepsInNonblockable, DriverMisuse,
            "the mirror takes its mutex with mutex_lock in a non-blockable invalidation",
            new(BugKind.SleepInAtomic, null, BugComponent.Core), "HmmMirror.Invalidate", ["oom-reap-contended"]),
        new(DriverDefects.MirrorFaultNoReference, DriverMisuse,
            "the mirror's fault takes no reference on the mirror, so a fault after its teardown calls mmu_interval_read_begin on the freed subscription",
            new(BugKind.UseAfterFree, null, BugComponent.Core), "HmmMirror.Fault", ["exit-vs-fault-remove", "deferred-remove"]),
        new(DriverDefects.GetPutPutsTwice, DriverMisuse,
            "the get/put user drops each reference twice (mmu_notifier_put on a subscription it already put)",
            // The second put reads the count of the subscription the SRCU callback freed (KASAN),
            // or, before the grace period ends, WARNs on a zero count.
            new(BugKind.UseAfterFree, null, BugComponent.Core), "GetPutUser.Unsubscribe", ["get-put"]),
        new(DriverDefects.KvmChecksRetryBeforeLock, DriverMisuse,
            "the KVM-style user tests in-progress and sequence before taking mmu_lock",
            MissedInvalidation, "KvmUser.Fault", ["kvm-faults", "hlist-nonblock-fail"]),
        new(DriverDefects.RegisterBothTlbAndStartEnd, DriverMisuse,
            "a subscriber registers with both arch_invalidate_secondary_tlbs and invalidate_range_start/end",
            Warning, "KvmUser.KvmUser", ["kvm-faults", "register-unregister"]),
    ];

    public static IEnumerable<string> Names => All.Select(e => e.Name);

    /// <summary>The defect named <paramref name="name"/>, or null.</summary>
    public static Defect? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>
    /// The configuration that switches <paramref name="names"/> on (port and driver defects
    /// alike: the port resolves only its own names). Unknown names are an error.
    /// </summary>
    public static KernelConfig Config(IEnumerable<string> names)
    {
        var config = KernelConfig.Faithful;
        foreach (var name in names)
        {
            if (Find(name) is null)
                throw new ArgumentException($"unknown defect '{name}'; expected one of: {string.Join(", ", Names)}", nameof(names));
            config = config.WithDefect(name);
        }

        return config;
    }
}
